using System.Buffers.Binary;
using System.Net;
using Steward.Upf.Rules;

namespace Steward.Upf.Tests;

/// <summary>Synthetic IPv4 packets and the rules of a typical PDU session, for the rule engine tests.</summary>
internal static class Packets
{
    public static readonly IPAddress Ue = IPAddress.Parse("10.60.0.1");
    public static readonly IPAddress Gnb = IPAddress.Parse("192.168.50.1");
    public static readonly IPAddress Server = IPAddress.Parse("203.0.113.7");
    public const uint UplinkTeid = 0x100;
    public const uint DownlinkTeid = 0x200;

    /// <summary>An IPv4 packet of <paramref name="totalLength"/> octets (at least 28).</summary>
    public static byte[] Ipv4(IPAddress source, IPAddress destination, byte protocol = 17, ushort sourcePort = 1000, ushort destinationPort = 2000, int totalLength = 100)
    {
        var p = new byte[totalLength];
        p[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)totalLength);
        p[8] = 64;
        p[9] = protocol;
        source.TryWriteBytes(p.AsSpan(12), out _);
        destination.TryWriteBytes(p.AsSpan(16), out _);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(20), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(22), destinationPort);
        return p;
    }

    public static SessionRules Session(
        ulong seid = 1,
        ApplyAction downlinkAction = ApplyAction.Forward,
        QosEnforcementRule? qer = null,
        UsageReportingRule? urr = null,
        IReadOnlyList<SdfFilter>? uplinkFilters = null,
        byte? uplinkQfi = null,
        uint downlinkTeid = DownlinkTeid)
    {
        qer ??= new QosEnforcementRule { Id = 1, Qfi = 9 };
        urr ??= new UsageReportingRule { Id = 1 };
        return new SessionRules
        {
            LocalSeid = seid,
            RemoteSeid = seid + 1000,
            Pdrs =
            [
                new PacketDetectionRule
                {
                    Id = 1, Precedence = 100, SourceInterface = InterfaceKind.Access, LocalTeid = UplinkTeid + (uint)seid,
                    UeAddress = Ue, RemoveOuterHeader = true, FarId = 1, QerIds = [qer.Id], UrrIds = [urr.Id],
                    SdfFilters = uplinkFilters ?? [], Qfi = uplinkQfi,
                },
                new PacketDetectionRule
                {
                    Id = 2, Precedence = 100, SourceInterface = InterfaceKind.Core, UeAddress = Ue,
                    FarId = 2, QerIds = [qer.Id], UrrIds = [urr.Id],
                },
            ],
            Fars =
            [
                new ForwardingActionRule { Id = 1, Action = ApplyAction.Forward, DestinationInterface = InterfaceKind.Core },
                new ForwardingActionRule
                {
                    Id = 2, Action = downlinkAction, DestinationInterface = InterfaceKind.Access,
                    OuterHeader = downlinkAction.HasFlag(ApplyAction.Forward) ? new OuterHeaderCreation(downlinkTeid, Gnb) : null,
                },
            ],
            Qers = [qer],
            Urrs = [urr],
        };
    }
}
