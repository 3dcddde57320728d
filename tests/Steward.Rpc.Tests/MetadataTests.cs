namespace Steward.Rpc.Tests;

/// <summary>The core's metadata puts no protocol's grammar on keys or values; protocols bring their own through the admit step.</summary>
public sealed class MetadataTests
{
    [Fact]
    public void Any_non_empty_key_takes_a_string_or_bytes_as_given()
    {
        var metadata = new Metadata()
            .Add("Ice.Context Key", "any text: é ✓ \t")
            .Add("CORBA", [0, 1, 2])
            .Add("plain-bin", "a string under a -bin key");
        Assert.Equal(["Ice.Context Key", "CORBA", "plain-bin"], metadata.Select(e => e.Key));
        Assert.Equal("any text: é ✓ \t", metadata.GetValue("ice.context key"));
        Assert.True(metadata[1].IsBinary);
        Assert.Equal(new byte[] { 0, 1, 2 }, metadata.GetValueBytes("corba"));
        Assert.False(metadata[2].IsBinary);
    }

    [Fact]
    public void Empty_keys_and_null_values_are_refused()
    {
        Assert.ThrowsAny<ArgumentException>(() => new Metadata.Entry("", "v"));
        Assert.Throws<ArgumentNullException>(() => new Metadata.Entry("k", (string)null!));
        Assert.Throws<ArgumentNullException>(() => new Metadata.Entry("k", (byte[])null!));
    }

    [Fact]
    public void String_values_read_as_bytes_are_utf8()
    {
        Assert.Equal("é"u8.ToArray(), new Metadata.Entry("k", "é").ValueBytes);
    }

    [Fact]
    public void The_admit_step_sees_every_entry_added_inserted_or_replaced()
    {
        var seen = new List<string>();
        var metadata = new Metadata(entry =>
        {
            seen.Add(entry.Key);
            return entry.Key.StartsWith('!') ? throw new ArgumentException("refused", nameof(entry)) : new Metadata.Entry(entry.Key.ToUpperInvariant(), entry.Value);
        });
        metadata.Add("a", "1");
        metadata.Insert(0, new Metadata.Entry("b", "2"));
        metadata[1] = new Metadata.Entry("c", "3");
        Assert.Throws<ArgumentException>(() => metadata.Add("!d", "4"));
        Assert.Equal(["a", "b", "c", "!d"], seen);
        Assert.Equal(["B", "C"], metadata.Select(e => e.Key));
    }

    [Fact]
    public void Empty_is_read_only()
    {
        Assert.True(Metadata.Empty.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => Metadata.Empty.Add("k", "v"));
    }
}
