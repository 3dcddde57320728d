using Steward.Pfcp.Ies;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Codec;

internal static partial class GroupedIes
{
    private ref struct QerFields
    {
        public uint? QerId;
        public GateStatus? GateStatus;
        public Mbr? Mbr;
        public byte? Qfi;
    }

    private static QerFields ReadQerFields(IeType group, ReadOnlySpan<byte> content, DecodeContext context)
    {
        var f = new QerFields();
        var reader = context.Enter(group, content);
        while (reader.Next(out var type, out var value))
        {
            switch (type)
            {
                case IeType.QerId:
                    f.QerId ??= LeafIes.ReadU32(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.GateStatus:
                    f.GateStatus ??= RuleIes.ReadGateStatus(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.Mbr:
                    f.Mbr ??= RuleIes.ReadMbr(value);
                    break;
                case IeType.Qfi:
                    f.Qfi ??= RuleIes.ReadQfi(value);
                    break;
            }
        }

        context.Leave();
        return f;
    }

    public static CreateQer ReadCreateQer(ReadOnlySpan<byte> content, DecodeContext context)
    {
        var f = ReadQerFields(IeType.CreateQer, content, context);
        return new CreateQer
        {
            QerId = f.QerId ?? throw DecodeContext.Missing(IeType.QerId),
            GateStatus = f.GateStatus ?? throw DecodeContext.Missing(IeType.GateStatus),
            Mbr = f.Mbr,
            Qfi = f.Qfi,
        };
    }

    public static UpdateQer ReadUpdateQer(ReadOnlySpan<byte> content, DecodeContext context)
    {
        var f = ReadQerFields(IeType.UpdateQer, content, context);
        return new UpdateQer { QerId = f.QerId ?? throw DecodeContext.Missing(IeType.QerId), GateStatus = f.GateStatus, Mbr = f.Mbr, Qfi = f.Qfi };
    }

    private ref struct UrrFields
    {
        public uint? UrrId;
        public MeasurementMethod? MeasurementMethod;
        public ReportingTriggers? ReportingTriggers;
        public Volume? VolumeThreshold;
        public uint? MeasurementPeriod;
    }

    private static UrrFields ReadUrrFields(IeType group, ReadOnlySpan<byte> content, DecodeContext context)
    {
        var f = new UrrFields();
        var reader = context.Enter(group, content);
        while (reader.Next(out var type, out var value))
        {
            switch (type)
            {
                case IeType.UrrId:
                    f.UrrId ??= LeafIes.ReadU32(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.MeasurementMethod:
                    f.MeasurementMethod ??= (MeasurementMethod?)LeafIes.ReadU8(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.ReportingTriggers:
                    f.ReportingTriggers ??= (ReportingTriggers?)UsageLeafIes.ReadTriggers(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.VolumeThreshold:
                    f.VolumeThreshold ??= UsageLeafIes.ReadVolume(value);
                    break;
                case IeType.MeasurementPeriod:
                    f.MeasurementPeriod ??= LeafIes.ReadU32(value);
                    break;
            }
        }

        context.Leave();
        return f;
    }

    public static CreateUrr ReadCreateUrr(ReadOnlySpan<byte> content, DecodeContext context)
    {
        var f = ReadUrrFields(IeType.CreateUrr, content, context);
        return new CreateUrr
        {
            UrrId = f.UrrId ?? throw DecodeContext.Missing(IeType.UrrId),
            MeasurementMethod = f.MeasurementMethod ?? throw DecodeContext.Missing(IeType.MeasurementMethod),
            ReportingTriggers = f.ReportingTriggers ?? throw DecodeContext.Missing(IeType.ReportingTriggers),
            VolumeThreshold = f.VolumeThreshold,
            MeasurementPeriod = f.MeasurementPeriod,
        };
    }

    public static UpdateUrr ReadUpdateUrr(ReadOnlySpan<byte> content, DecodeContext context)
    {
        var f = ReadUrrFields(IeType.UpdateUrr, content, context);
        return new UpdateUrr
        {
            UrrId = f.UrrId ?? throw DecodeContext.Missing(IeType.UrrId),
            MeasurementMethod = f.MeasurementMethod,
            ReportingTriggers = f.ReportingTriggers,
            VolumeThreshold = f.VolumeThreshold,
            MeasurementPeriod = f.MeasurementPeriod,
        };
    }

    public static UsageReport ReadUsageReport(IeType group, ReadOnlySpan<byte> content, DecodeContext context)
    {
        uint? urrId = null, seqn = null;
        UsageReportTrigger? trigger = null;
        NtpTime? start = null, end = null;
        VolumeMeasurement? volume = null;
        uint? duration = null;
        var reader = context.Enter(group, content);
        while (reader.Next(out var type, out var value))
        {
            switch (type)
            {
                case IeType.UrrId:
                    urrId ??= LeafIes.ReadU32(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.UrSeqn:
                    seqn ??= LeafIes.ReadU32(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.UsageReportTrigger:
                    trigger ??= (UsageReportTrigger?)UsageLeafIes.ReadTriggers(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.StartTime:
                    start ??= LeafIes.ReadTime(value);
                    break;
                case IeType.EndTime:
                    end ??= LeafIes.ReadTime(value);
                    break;
                case IeType.VolumeMeasurement:
                    volume ??= UsageLeafIes.ReadVolumeMeasurement(value);
                    break;
                case IeType.DurationMeasurement:
                    duration ??= LeafIes.ReadU32(value);
                    break;
            }
        }

        context.Leave();
        return new UsageReport
        {
            UrrId = urrId ?? throw DecodeContext.Missing(IeType.UrrId),
            UrSeqn = seqn ?? throw DecodeContext.Missing(IeType.UrSeqn),
            UsageReportTrigger = trigger ?? throw DecodeContext.Missing(IeType.UsageReportTrigger),
            StartTime = start,
            EndTime = end,
            VolumeMeasurement = volume,
            DurationMeasurement = duration,
        };
    }

    public static DownlinkDataReport ReadDownlinkDataReport(ReadOnlySpan<byte> content, DecodeContext context)
    {
        List<ushort>? pdrIds = null;
        var reader = context.Enter(IeType.DownlinkDataReport, content);
        while (reader.Next(out var type, out var value))
        {
            if (type == IeType.PdrId)
            {
                context.Add(ref pdrIds, LeafIes.ReadU16(value) ?? throw DecodeContext.Incorrect(type), type);
            }
        }

        context.Leave();
        return new DownlinkDataReport { PdrIds = pdrIds ?? throw DecodeContext.Missing(IeType.PdrId) };
    }

    public static ErrorIndicationReport ReadErrorIndicationReport(ReadOnlySpan<byte> content, DecodeContext context)
    {
        List<FTeid>? fteids = null;
        var reader = context.Enter(IeType.ErrorIndicationReport, content);
        while (reader.Next(out var type, out var value))
        {
            if (type == IeType.FTeid)
            {
                context.Add(ref fteids, RuleIes.ReadFTeid(value) ?? throw DecodeContext.Incorrect(type), type);
            }
        }

        context.Leave();
        return new ErrorIndicationReport { RemoteFTeids = fteids ?? throw DecodeContext.Missing(IeType.FTeid) };
    }

    public static UserPlanePathFailureReport ReadUserPlanePathFailureReport(ReadOnlySpan<byte> content, DecodeContext context)
    {
        List<RemoteGtpuPeer>? peers = null;
        var reader = context.Enter(IeType.UserPlanePathFailureReport, content);
        while (reader.Next(out var type, out var value))
        {
            if (type == IeType.RemoteGtpuPeer)
            {
                context.Add(ref peers, LeafIes.ReadRemoteGtpuPeer(value) ?? throw DecodeContext.Incorrect(type), type);
            }
        }

        context.Leave();
        return new UserPlanePathFailureReport { RemoteGtpuPeers = peers ?? throw DecodeContext.Missing(IeType.RemoteGtpuPeer) };
    }
}
