using Steward.Rpc.Thrift;

namespace ThriftTest;

/// <summary>Apache Thrift's cross-test flags, shared by ThriftTest.Server and ThriftTest.Client (the peers take the same ones); the server ignores Host and NoUuid, the client LinuxTransport.</summary>
internal sealed record CrossTestFlags(string Host, int Port, string? DomainSocket, ThriftProtocolKind Protocol, bool Multiplexed, ThriftTransport Transport, bool Ssl, string Keys)
{
    public string? Error { get; init; }

    /// <summary>Skip testUuid: the peer's code comes from a compiler without the uuid type.</summary>
    public bool NoUuid { get; init; }
    /// <summary>Steward's own flag: serve through the epoll transport (Steward.Hosting.Linux), handlers on the I/O thread.</summary>
    public bool LinuxTransport { get; init; }

    public string Describe() =>
        $"{(Multiplexed ? "multiplexed " : "")}{Protocol}, {Transport}{(Ssl ? ", ssl" : "")}".ToLowerInvariant();

    public static CrossTestFlags Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arg in args)
        {
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                return Failed($"unexpected argument '{arg}'");
            }
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            values[eq < 0 ? arg[2..] : arg[2..eq]] = eq < 0 ? "" : arg[(eq + 1)..];
        }
        var protocol = values.GetValueOrDefault("protocol", "binary");
        var multiplexed = protocol.StartsWith("multi", StringComparison.Ordinal);
        ThriftProtocolKind? kind = (multiplexed ? protocol[5..] : protocol) switch
        {
            "" or "binary" => ThriftProtocolKind.Binary,
            "c" or "compact" => ThriftProtocolKind.Compact,
            "j" or "json" => ThriftProtocolKind.Json,
            _ => null,
        };
        if (kind is null)
        {
            return Failed($"unknown --protocol={protocol} (binary, compact, json, multi, multic, multij)");
        }
        ThriftTransport? transport = values.GetValueOrDefault("transport", "buffered") switch
        {
            "buffered" => ThriftTransport.Buffered,
            "framed" => ThriftTransport.Framed,
            _ => null,
        };
        if (transport is null)
        {
            return Failed($"unknown --transport={values["transport"]} (buffered, framed)");
        }
        if (!int.TryParse(values.GetValueOrDefault("port", "9090"), System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            return Failed($"bad --port={values["port"]}");
        }
        var ssl = values.ContainsKey("ssl");
        var keys = values.GetValueOrDefault("keys") ?? Environment.GetEnvironmentVariable("THRIFT_TEST_KEYS") ?? "";
        if (ssl && keys.Length == 0)
        {
            return Failed("--ssl needs --keys=DIR (or THRIFT_TEST_KEYS) holding server.crt and server.key");
        }
        return new CrossTestFlags(values.GetValueOrDefault("host", "localhost"), port, values.GetValueOrDefault("domain-socket"), kind.Value, multiplexed, transport.Value, ssl, keys)
        {
            NoUuid = values.ContainsKey("no-uuid"),
            LinuxTransport = values.ContainsKey("linux-transport"),
        };
    }

    private static CrossTestFlags Failed(string why) =>
        new("", 0, null, ThriftProtocolKind.Binary, false, ThriftTransport.Buffered, false, "") { Error = why };
}
