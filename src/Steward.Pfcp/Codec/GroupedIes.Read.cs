using Steward.Pfcp.Ies;
using Steward.Pfcp.Wire;

namespace Steward.Pfcp.Codec;

internal static partial class GroupedIes
{
    private ref struct PdrFields
    {
        public ushort? PdrId;
        public uint? Precedence;
        public Pdi? Pdi;
        public OuterHeaderRemoval? OuterHeaderRemoval;
        public uint? FarId;
        public List<uint>? UrrIds;
        public List<uint>? QerIds;
    }

    private static PdrFields ReadPdrFields(IeType group, ReadOnlySpan<byte> content, DecodeContext context)
    {
        var fields = new PdrFields();
        var reader = context.Enter(group, content);
        while (reader.Next(out var type, out var value))
        {
            switch (type)
            {
                case IeType.PdrId:
                    fields.PdrId ??= LeafIes.ReadU16(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.Precedence:
                    fields.Precedence ??= LeafIes.ReadU32(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.Pdi:
                    fields.Pdi ??= ReadPdi(value, context);
                    break;
                case IeType.OuterHeaderRemoval:
                    fields.OuterHeaderRemoval ??= RuleIes.ReadOuterHeaderRemoval(value);
                    break;
                case IeType.FarId:
                    fields.FarId ??= LeafIes.ReadU32(value);
                    break;
                case IeType.UrrId when LeafIes.ReadU32(value) is { } urr:
                    context.Add(ref fields.UrrIds, urr, type);
                    break;
                case IeType.QerId when LeafIes.ReadU32(value) is { } qer:
                    context.Add(ref fields.QerIds, qer, type);
                    break;
            }
        }

        context.Leave();
        return fields;
    }

    public static CreatePdr ReadCreatePdr(ReadOnlySpan<byte> content, DecodeContext context)
    {
        var f = ReadPdrFields(IeType.CreatePdr, content, context);
        return new CreatePdr
        {
            PdrId = f.PdrId ?? throw DecodeContext.Missing(IeType.PdrId),
            Precedence = f.Precedence ?? throw DecodeContext.Missing(IeType.Precedence),
            Pdi = f.Pdi ?? throw DecodeContext.Missing(IeType.Pdi),
            OuterHeaderRemoval = f.OuterHeaderRemoval,
            FarId = f.FarId,
            UrrIds = f.UrrIds ?? [],
            QerIds = f.QerIds ?? [],
        };
    }

    public static UpdatePdr ReadUpdatePdr(ReadOnlySpan<byte> content, DecodeContext context)
    {
        var f = ReadPdrFields(IeType.UpdatePdr, content, context);
        return new UpdatePdr
        {
            PdrId = f.PdrId ?? throw DecodeContext.Missing(IeType.PdrId),
            Precedence = f.Precedence,
            Pdi = f.Pdi,
            OuterHeaderRemoval = f.OuterHeaderRemoval,
            FarId = f.FarId,
            UrrIds = f.UrrIds ?? [],
            QerIds = f.QerIds ?? [],
        };
    }

    private static Pdi ReadPdi(ReadOnlySpan<byte> content, DecodeContext context)
    {
        SourceInterface? source = null;
        FTeid? fteid = null;
        string? networkInstance = null;
        UeIpAddress? ue = null;
        List<SdfFilter>? filters = null;
        List<byte>? qfis = null;
        var reader = context.Enter(IeType.Pdi, content);
        while (reader.Next(out var type, out var value))
        {
            switch (type)
            {
                case IeType.SourceInterface:
                    source ??= RuleIes.ReadSourceInterface(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.FTeid:
                    fteid ??= RuleIes.ReadFTeid(value);
                    break;
                case IeType.NetworkInstance:
                    networkInstance ??= LeafIes.ReadNetworkInstance(value);
                    break;
                case IeType.UeIpAddress:
                    ue ??= RuleIes.ReadUeIpAddress(value);
                    break;
                case IeType.SdfFilter when RuleIes.ReadSdfFilter(value) is { } filter:
                    context.Add(ref filters, filter, type);
                    break;
                case IeType.Qfi when RuleIes.ReadQfi(value) is { } qfi:
                    context.Add(ref qfis, qfi, type);
                    break;
            }
        }

        context.Leave();
        return new Pdi
        {
            SourceInterface = source ?? throw DecodeContext.Missing(IeType.SourceInterface),
            LocalFTeid = fteid,
            NetworkInstance = networkInstance,
            UeIpAddress = ue,
            SdfFilters = filters ?? [],
            Qfis = qfis ?? [],
        };
    }

    /// <summary>The id inside a Remove PDR/FAR/QER/URR or a Query URR.</summary>
    public static uint ReadRuleId(IeType group, IeType idType, ReadOnlySpan<byte> content, DecodeContext context)
    {
        uint? id = null;
        var reader = context.Enter(group, content);
        while (reader.Next(out var type, out var value))
        {
            if (type == idType)
            {
                id ??= (idType == IeType.PdrId ? LeafIes.ReadU16(value) : LeafIes.ReadU32(value)) ?? throw DecodeContext.Incorrect(type);
            }
        }

        context.Leave();
        return id ?? throw DecodeContext.Missing(idType);
    }

    public static CreatedPdr ReadCreatedPdr(ReadOnlySpan<byte> content, DecodeContext context)
    {
        ushort? pdrId = null;
        FTeid? fteid = null;
        UeIpAddress? ue = null;
        var reader = context.Enter(IeType.CreatedPdr, content);
        while (reader.Next(out var type, out var value))
        {
            switch (type)
            {
                case IeType.PdrId:
                    pdrId ??= LeafIes.ReadU16(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.FTeid:
                    fteid ??= RuleIes.ReadFTeid(value);
                    break;
                case IeType.UeIpAddress:
                    ue ??= RuleIes.ReadUeIpAddress(value);
                    break;
            }
        }

        context.Leave();
        return new CreatedPdr { PdrId = pdrId ?? throw DecodeContext.Missing(IeType.PdrId), LocalFTeid = fteid, UeIpAddress = ue };
    }

    private ref struct FarFields
    {
        public uint? FarId;
        public ApplyAction? ApplyAction;
        public DestinationInterface? Destination;
        public string? NetworkInstance;
        public OuterHeaderCreation? OuterHeaderCreation;
        public PfcpSmReqFlags? PfcpSmReqFlags;
        public bool HasForwarding;
    }

    private static FarFields ReadFarFields(IeType group, IeType forwardingGroup, ReadOnlySpan<byte> content, DecodeContext context)
    {
        var f = new FarFields();
        var reader = context.Enter(group, content);
        while (reader.Next(out var type, out var value))
        {
            switch (type)
            {
                case IeType.FarId:
                    f.FarId ??= LeafIes.ReadU32(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.ApplyAction:
                    f.ApplyAction ??= RuleIes.ReadApplyAction(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case var _ when type == forwardingGroup && !f.HasForwarding:
                    f.HasForwarding = true;
                    ReadForwarding(forwardingGroup, value, context, ref f);
                    break;
            }
        }

        context.Leave();
        return f;
    }

    private static void ReadForwarding(IeType group, ReadOnlySpan<byte> content, DecodeContext context, ref FarFields f)
    {
        var reader = context.Enter(group, content);
        while (reader.Next(out var type, out var value))
        {
            switch (type)
            {
                case IeType.DestinationInterface:
                    f.Destination ??= RuleIes.ReadDestinationInterface(value) ?? throw DecodeContext.Incorrect(type);
                    break;
                case IeType.NetworkInstance:
                    f.NetworkInstance ??= LeafIes.ReadNetworkInstance(value);
                    break;
                case IeType.OuterHeaderCreation:
                    f.OuterHeaderCreation ??= RuleIes.ReadOuterHeaderCreation(value);
                    break;
                case IeType.PfcpSmReqFlags when group == IeType.UpdateForwardingParameters:
                    f.PfcpSmReqFlags ??= (PfcpSmReqFlags?)LeafIes.ReadU8(value);
                    break;
            }
        }

        context.Leave();
    }

    public static CreateFar ReadCreateFar(ReadOnlySpan<byte> content, DecodeContext context)
    {
        var f = ReadFarFields(IeType.CreateFar, IeType.ForwardingParameters, content, context);
        return new CreateFar
        {
            FarId = f.FarId ?? throw DecodeContext.Missing(IeType.FarId),
            ApplyAction = f.ApplyAction ?? throw DecodeContext.Missing(IeType.ApplyAction),
            ForwardingParameters = f.HasForwarding
                ? new ForwardingParameters
                {
                    DestinationInterface = f.Destination ?? throw DecodeContext.Missing(IeType.DestinationInterface),
                    NetworkInstance = f.NetworkInstance,
                    OuterHeaderCreation = f.OuterHeaderCreation,
                }
                : null,
        };
    }

    public static UpdateFar ReadUpdateFar(ReadOnlySpan<byte> content, DecodeContext context)
    {
        var f = ReadFarFields(IeType.UpdateFar, IeType.UpdateForwardingParameters, content, context);
        return new UpdateFar
        {
            FarId = f.FarId ?? throw DecodeContext.Missing(IeType.FarId),
            ApplyAction = f.ApplyAction,
            UpdateForwardingParameters = f.HasForwarding
                ? new UpdateForwardingParameters
                {
                    DestinationInterface = f.Destination,
                    NetworkInstance = f.NetworkInstance,
                    OuterHeaderCreation = f.OuterHeaderCreation,
                    PfcpSmReqFlags = f.PfcpSmReqFlags,
                }
                : null,
        };
    }
}
