namespace Steward.Rpc.Ice;

/// <summary>The outcome a reply reports (the byte after the request id in a Reply message).</summary>
public enum IceReplyStatus : byte
{
    /// <summary>Success: an encapsulation with the return value and out-parameters follows.</summary>
    Ok = 0,
    /// <summary>A declared Slice exception: an encapsulation holding it follows.</summary>
    UserException = 1,
    /// <summary>No servant has the identity: the identity, facet and operation follow.</summary>
    ObjectNotExist = 2,
    /// <summary>The servant has no such facet: the identity, facet and operation follow.</summary>
    FacetNotExist = 3,
    /// <summary>The servant has no such operation: the identity, facet and operation follow.</summary>
    OperationNotExist = 4,
    /// <summary>An Ice local exception in the servant: its text follows.</summary>
    UnknownLocalException = 5,
    /// <summary>A Slice exception the operation does not declare: its text follows.</summary>
    UnknownUserException = 6,
    /// <summary>Any other failure: its text follows.</summary>
    UnknownException = 7,
}
