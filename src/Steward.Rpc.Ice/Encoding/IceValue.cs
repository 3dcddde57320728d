namespace Steward.Rpc.Ice;

/// <summary>
/// The base of every class declared in Slice (<c>class Shape { ... }</c>) and of Slice's <c>Value</c>:
/// generated classes override the slice writers and readers, the streams handle instance markers,
/// sharing, cycles and slicing around them.
/// </summary>
public abstract class IceValue
{
    /// <summary>The most-derived Slice type id of this instance (<c>::Test::Circle</c>).</summary>
    public abstract string IceId { get; }

    /// <summary>
    /// The slices of more-derived types this process does not know, kept when the instance was read in the sliced
    /// format and its type is <c>["preserve-slice"]</c>; written again (in the sliced format) when it is sent on.
    /// </summary>
    public IceSlicedData? IceSlicedData { get; set; }

    /// <summary>True when the Slice type is <c>["preserve-slice"]</c> (generated code overrides it).</summary>
    protected virtual bool IcePreserveSlice => false;

    /// <summary>Writes this instance's slices, most-derived first (<c>StartSlice</c>, members, <c>EndSlice</c>, then the base's).</summary>
    protected abstract void IceWriteImpl(IceOutputStream output);

    /// <summary>Reads this instance's slices, most-derived first, as <see cref="IceWriteImpl"/> wrote them.</summary>
    protected abstract void IceReadImpl(IceInputStream input);

    internal void IceWrite(IceOutputStream output)
    {
        output.StartInstance(isException: false, IceSlicedData);
        IceWriteImpl(output);
        output.EndInstance();
    }

    internal void IceRead(IceInputStream input)
    {
        input.StartInstance();
        IceReadImpl(input);
        IceSlicedData = input.EndInstance(IcePreserveSlice);
    }
}

/// <summary>
/// An instance none of whose slices this process knows, read in the sliced format: it keeps its type id and,
/// as sliced data, its slices, so that it can be sent on unchanged.
/// </summary>
public sealed class IceUnknownSlicedValue : IceValue
{
    /// <summary>An unknown instance of type <paramref name="typeId"/>.</summary>
    public IceUnknownSlicedValue(string typeId)
    {
        IceId = typeId;
    }

    /// <inheritdoc />
    public override string IceId { get; }

    /// <inheritdoc />
    protected override bool IcePreserveSlice => true;

    /// <inheritdoc />
    protected override void IceWriteImpl(IceOutputStream output)
    {
        // Everything is in the sliced data, which the stream writes before this.
    }

    /// <inheritdoc />
    protected override void IceReadImpl(IceInputStream input)
    {
        // Every slice was skipped before the instance was created.
    }
}

/// <summary>The slices of an instance or exception that the reader did not know, most-derived first.</summary>
public sealed class IceSlicedData
{
    /// <summary>Sliced data holding <paramref name="slices"/>.</summary>
    public IceSlicedData(IReadOnlyList<IceSliceInfo> slices)
    {
        Slices = slices;
    }

    /// <summary>The slices, most-derived first.</summary>
    public IReadOnlyList<IceSliceInfo> Slices { get; }
}

/// <summary>One unknown slice: its type id, its bytes (optional members included, the end marker not) and the instances its indirection table named.</summary>
public sealed class IceSliceInfo
{
    /// <summary>The slice's type id (empty when it was sent as a compact id).</summary>
    public required string TypeId { get; init; }

    /// <summary>The slice's compact id, or -1.</summary>
    public int CompactId { get; init; } = -1;

    /// <summary>The slice's body, after its header and before its end marker and indirection table.</summary>
    public required byte[] Bytes { get; init; }

    /// <summary>The instances of the slice's indirection table (patched once the whole graph is read).</summary>
    public required IceValue?[] Instances { get; init; }

    /// <summary>True when the slice carries optional members (so an end marker follows them).</summary>
    public bool HasOptionalMembers { get; init; }

    /// <summary>True for the least-derived slice.</summary>
    public bool IsLastSlice { get; init; }
}
