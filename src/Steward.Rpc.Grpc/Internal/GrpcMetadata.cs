namespace Steward.Rpc.Grpc;

/// <summary>
/// gRPC's grammar for call metadata (PROTOCOL-HTTP2, Custom-Metadata), applied to the core's neutral
/// <see cref="Metadata"/> where gRPC sends or receives it: keys of lower-case letters, digits, '-', '_' and
/// '.' (upper case is folded down), a <c>-bin</c> suffix exactly on keys with byte values, and string values
/// of printable ASCII. An entry outside the grammar is an <see cref="ArgumentException"/>.
/// </summary>
internal static class GrpcMetadata
{
    /// <summary>The check as a metadata admit step, for collections gRPC hands out.</summary>
    public static readonly Func<Metadata.Entry, Metadata.Entry> Admit = Check;

    /// <summary>An empty collection that admits only what gRPC can carry (received headers, response trailers).</summary>
    public static Metadata Create() => new(Admit);

    /// <summary>Checks one entry and returns it with its key in lower case (the same instance when it already was).</summary>
    public static Metadata.Entry Check(Metadata.Entry entry)
    {
        var key = NormalizeKey(entry.Key);
        if (entry.IsBinary)
        {
            if (!GrpcProtocol.IsBinaryHeader(key))
            {
                throw new ArgumentException($"Key '{key}' takes a byte[] value only if it ends with '-bin'.", nameof(key));
            }
        }
        else
        {
            if (GrpcProtocol.IsBinaryHeader(key))
            {
                throw new ArgumentException($"Key '{key}' ends with '-bin' and takes a byte[] value.", nameof(key));
            }
            CheckValue(key, entry.Value);
        }
        if (string.Equals(key, entry.Key, StringComparison.Ordinal))
        {
            return entry;
        }
        return entry.IsBinary ? new Metadata.Entry(key, entry.ValueBytes) : new Metadata.Entry(key, entry.Value);
    }

    /// <summary>
    /// Checks every entry of metadata about to be sent; returns the same collection when every key is already
    /// in lower case, else a copy with the keys folded. Null stays null.
    /// </summary>
    public static Metadata? ToWire(Metadata? metadata)
    {
        if (metadata is null)
        {
            return null;
        }
        Metadata? folded = null;
        for (var i = 0; i < metadata.Count; i++)
        {
            var entry = metadata[i];
            var wire = Check(entry);
            if (folded is null && !ReferenceEquals(wire, entry))
            {
                folded = new Metadata();
                for (var j = 0; j < i; j++)
                {
                    folded.Add(metadata[j]);
                }
            }
            folded?.Add(wire);
        }
        return folded ?? metadata;
    }

    private static string NormalizeKey(string key)
    {
        var lower = key.ToLowerInvariant();
        foreach (var c in lower)
        {
            var ok = c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.';
            if (!ok)
            {
                throw new ArgumentException($"Metadata key '{key}' has an invalid character '{c}'.", nameof(key));
            }
        }
        return lower;
    }

    private static void CheckValue(string key, string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                throw new ArgumentException($"Metadata value for '{key}' must be printable ASCII.", nameof(value));
            }
        }
    }
}
