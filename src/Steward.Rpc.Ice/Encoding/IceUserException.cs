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
}
