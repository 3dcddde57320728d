namespace Steward.Rpc.Ice;

/// <summary>
/// The base of every exception declared in Slice (<c>exception BaseError { ... }</c>): a servant throws one,
/// the reply carries it as a user exception, and the caller's proxy throws the same type again.
/// Generated exceptions override the members below; the encoding calls them slice by slice.
/// </summary>
public abstract class IceUserException : Exception
{
    /// <summary>An exception with Ice's default message.</summary>
    protected IceUserException() { }

    /// <summary>An exception with <paramref name="message"/>.</summary>
    protected IceUserException(string message) : base(message) { }

    /// <summary>An exception with <paramref name="message"/> caused by <paramref name="inner"/>.</summary>
    protected IceUserException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The most-derived Slice type id (<c>::Test::DerivedError</c>).</summary>
    public abstract string IceId { get; }

    /// <summary>The unknown more-derived slices kept when the type is <c>["preserve-slice"]</c> and the sliced format was used.</summary>
    public IceSlicedData? IceSlicedData { get; set; }

    /// <summary>True when the Slice type is <c>["preserve-slice"]</c> (generated code overrides it).</summary>
    protected virtual bool IcePreserveSlice => false;

    /// <summary>Writes this exception's slices, most-derived first (<c>StartSlice</c>, members, <c>EndSlice</c>, then the base's).</summary>
    protected abstract void IceWriteImpl(IceOutputStream output);

    /// <summary>Reads this exception's slices, most-derived first, as <see cref="IceWriteImpl"/> wrote them.</summary>
    protected abstract void IceReadImpl(IceInputStream input);

    internal void IceWrite(IceOutputStream output)
    {
        output.StartInstance(isException: true, IceSlicedData);
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
