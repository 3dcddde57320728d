namespace ThriftInterop.Tests;

public sealed class IdlTests
{
    private static string Idl(string name) => Path.Combine(Peers.Root, "testassets/thrift", name);

    [Fact]
    public void The_no_uuid_contract_is_the_full_contract_without_its_uuid_declarations()
    {
        // What make-no-uuid.sh does: drop the uuid field, testUuid and its doc line, and put a two-line header on top.
        var expected = File.ReadAllLines(Idl("ThriftTest.thrift"))
            .Where(l => l.Trim() != "5: uuid uuid_field" && !l.Contains("testUuid", StringComparison.Ordinal) && !l.Contains("RFC 4122", StringComparison.Ordinal));
        var actual = File.ReadAllLines(Idl("ThriftTest.no-uuid.thrift")).Skip(2);
        Assert.Equal(expected, actual);
    }
}
