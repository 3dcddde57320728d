namespace Steward.Rpc.Ice;

/// <summary>
/// The server had no servant, facet or operation for a request (Ice::RequestFailedException). A servant may also
/// throw one of the subclasses itself: the reply then carries that status.
/// </summary>
public abstract class IceRequestFailedException : RpcException
{
    private protected IceRequestFailedException(StatusCode code, string what, IceIdentity identity, string facet, string operation)
        : base(new Status(code, $"{what}: identity '{identity}', facet '{facet}', operation '{operation}'."))
    {
        Identity = identity;
        Facet = facet;
        Operation = operation;
    }

    /// <summary>The identity the request named.</summary>
    public IceIdentity Identity { get; }
    /// <summary>The facet the request named (empty for the default facet).</summary>
    public string Facet { get; }
    /// <summary>The operation the request named.</summary>
    public string Operation { get; }

    internal abstract IceReplyStatus ReplyStatus { get; }
}

/// <summary>No servant has the identity (Ice::ObjectNotExistException); status NotFound.</summary>
public sealed class IceObjectNotExistException(IceIdentity identity, string facet, string operation)
    : IceRequestFailedException(StatusCode.NotFound, "Object does not exist", identity, facet, operation)
{
    internal override IceReplyStatus ReplyStatus => IceReplyStatus.ObjectNotExist;
}

/// <summary>The object has no such facet (Ice::FacetNotExistException); status NotFound.</summary>
public sealed class IceFacetNotExistException(IceIdentity identity, string facet, string operation)
    : IceRequestFailedException(StatusCode.NotFound, "Facet does not exist", identity, facet, operation)
{
    internal override IceReplyStatus ReplyStatus => IceReplyStatus.FacetNotExist;
}

/// <summary>The object has no such operation (Ice::OperationNotExistException); status Unimplemented.</summary>
public sealed class IceOperationNotExistException(IceIdentity identity, string facet, string operation)
    : IceRequestFailedException(StatusCode.Unimplemented, "Operation does not exist", identity, facet, operation)
{
    internal override IceReplyStatus ReplyStatus => IceReplyStatus.OperationNotExist;
}

/// <summary>
/// The servant failed with something the caller cannot be sent as itself (Ice::UnknownException and its
/// UnknownLocalException / UnknownUserException); status Unknown, the server's text in <see cref="Unknown"/>.
/// </summary>
public class IceUnknownException : RpcException
{
    /// <summary>An exception carrying the server's text.</summary>
    public IceUnknownException(string unknown)
        : this(unknown, "Unknown exception") { }

    private protected IceUnknownException(string unknown, string what)
        : base(new Status(StatusCode.Unknown, $"{what}: {unknown}")) => Unknown = unknown;

    /// <summary>The text the server sent.</summary>
    public string Unknown { get; }
}

/// <summary>The servant failed with an Ice local exception (or an RpcException); the server's text in <see cref="IceUnknownException.Unknown"/>.</summary>
public sealed class IceUnknownLocalException(string unknown) : IceUnknownException(unknown, "Unknown local exception");

/// <summary>The servant threw a Slice exception the operation does not declare; its type id in <see cref="IceUnknownException.Unknown"/>.</summary>
public sealed class IceUnknownUserException(string unknown) : IceUnknownException(unknown, "Unknown user exception");
