namespace Steward.Rpc;

/// <summary>The 17 status codes of the gRPC model; every protocol maps its errors onto these.</summary>
public enum StatusCode
{
    /// <summary>The call succeeded.</summary>
    OK = 0,
    /// <summary>The call was cancelled, usually by the caller.</summary>
    Cancelled = 1,
    /// <summary>An error that fits no other code, such as an exception from a handler.</summary>
    Unknown = 2,
    /// <summary>The caller gave an argument that is invalid whatever the system's state.</summary>
    InvalidArgument = 3,
    /// <summary>The deadline passed before the call completed.</summary>
    DeadlineExceeded = 4,
    /// <summary>Something the call asked for does not exist.</summary>
    NotFound = 5,
    /// <summary>Something the call tried to create already exists.</summary>
    AlreadyExists = 6,
    /// <summary>The caller may not do this.</summary>
    PermissionDenied = 7,
    /// <summary>A resource ran out, such as a quota or the message size limit.</summary>
    ResourceExhausted = 8,
    /// <summary>The system is not in the state the call needs.</summary>
    FailedPrecondition = 9,
    /// <summary>The call was aborted, typically by a concurrency conflict.</summary>
    Aborted = 10,
    /// <summary>The call went past a valid range.</summary>
    OutOfRange = 11,
    /// <summary>The method is not implemented or not served here.</summary>
    Unimplemented = 12,
    /// <summary>An invariant the system relies on was broken.</summary>
    Internal = 13,
    /// <summary>The service cannot be reached now; a retry may succeed.</summary>
    Unavailable = 14,
    /// <summary>Data was lost or corrupted beyond recovery.</summary>
    DataLoss = 15,
    /// <summary>The caller has no valid credentials.</summary>
    Unauthenticated = 16,
}
