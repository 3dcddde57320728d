/// <summary>Steward's Thrift server and client (waiting for the Kestrel hosting and the channel).</summary>
internal static class StewardSide
{
    public static Task ServeAsync(int port, string protocol, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"the Steward Thrift server is not built yet (port {port}, {protocol})");

    public static Task<int> ClientAsync(int port, string protocol, int connections, int seconds, int warmup) =>
        throw new NotSupportedException($"the Steward Thrift client is not built yet ({port} {protocol} {connections} {seconds} {warmup})");
}
