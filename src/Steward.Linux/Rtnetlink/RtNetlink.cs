using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using Steward.Linux.Netlink;

namespace Steward.Linux.Rtnetlink;

/// <summary>
/// The rtnetlink client: links, addresses, routes, neighbours and FDB entries of the network
/// namespace the socket was opened in. Open one inside another namespace with
/// <see cref="Namespaces.NetworkNamespace.OpenRtNetlink(string)"/> and use it from any thread.
/// </summary>
public sealed partial class RtNetlink : IDisposable
{
    private readonly NetlinkSocket _socket;

    internal RtNetlink(NetlinkSocket socket) => _socket = socket;

    /// <summary>Opens rtnetlink in the calling thread's network namespace.</summary>
    public static RtNetlink Open() => new(NetlinkSocket.Open(NetlinkSocket.NetlinkRoute));

    internal NetlinkSocket Socket => _socket;

    /// <summary>Closes the netlink socket.</summary>
    public void Dispose() => _socket.Dispose();

    private void Execute(NetlinkMessageWriter request, params SafeHandle?[] keepAlive)
    {
        _socket.Execute(request, null);
        foreach (var h in keepAlive)
        {
            GC.KeepAlive(h);
        }
    }

    private static int Fd(SafeHandle handle)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, handle);
        return (int)handle.DangerousGetHandle();
    }

    private static PhysicalAddress? ReadMac(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? null : new PhysicalAddress(value.ToArray());

    private static void WriteMac(NetlinkMessageWriter w, ushort type, PhysicalAddress mac) =>
        w.WriteAttribute(type, mac.GetAddressBytes());

    private static byte FamilyOf(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Netlink.AddressFamily.Inet6 : Netlink.AddressFamily.Inet;
}
