namespace Steward.Rpc.Corba;

/// <summary>Whether the target had finished the call when a system exception was raised (CORBA::CompletionStatus).</summary>
public enum CompletionStatus : uint
{
    /// <summary>The operation completed before the exception was raised.</summary>
    Yes = 0,
    /// <summary>The operation never began (safe to retry).</summary>
    No = 1,
    /// <summary>It is not known whether the operation ran.</summary>
    Maybe = 2,
}

/// <summary>
/// A CORBA system exception: its name (<c>MARSHAL</c>, <c>BAD_PARAM</c>, ...), a minor code and a completion
/// status, sent in a Reply with status SYSTEM_EXCEPTION as the repository id
/// <c>IDL:omg.org/CORBA/NAME:1.0</c> followed by the minor code and the completion status.
/// </summary>
public class CorbaSystemException : Exception
{
    /// <summary>The OMG's vendor minor code id (<c>0x4f4d0000</c>): standard minor codes are this ORed with a small number.</summary>
    public const uint OmgMinorBase = 0x4f4d0000;

    /// <summary>A system exception named <paramref name="name"/> (without the <c>IDL:omg.org/CORBA/</c> prefix).</summary>
    public CorbaSystemException(string name, uint minor, CompletionStatus completed, string? message = null, Exception? inner = null)
        : base(message ?? $"CORBA::{name} (minor 0x{minor:x8}, completed {completed})", inner)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Minor = minor;
        Completed = completed;
    }

    /// <summary>The exception's name as the CORBA module spells it: <c>MARSHAL</c>.</summary>
    public string Name { get; }

    /// <summary>The minor code (vendor id in the high 20 bits, <see cref="OmgMinorBase"/> for the standard ones).</summary>
    public uint Minor { get; }

    /// <summary>Whether the operation had completed.</summary>
    public CompletionStatus Completed { get; }

    /// <summary>The repository id sent on the wire: <c>IDL:omg.org/CORBA/MARSHAL:1.0</c>.</summary>
    public string RepositoryId => $"IDL:omg.org/CORBA/{Name}:1.0";

    /// <summary>The name from a repository id of the form <c>IDL:omg.org/CORBA/NAME:1.0</c>; null for any other id.</summary>
    public static string? NameFromRepositoryId(string repositoryId)
    {
        const string Prefix = "IDL:omg.org/CORBA/";
        const string Suffix = ":1.0";
        if (repositoryId is null || !repositoryId.StartsWith(Prefix, StringComparison.Ordinal) || !repositoryId.EndsWith(Suffix, StringComparison.Ordinal)
            || repositoryId.Length <= Prefix.Length + Suffix.Length)
        {
            return null;
        }
        return repositoryId[Prefix.Length..^Suffix.Length];
    }

    /// <summary>MARSHAL: a request or reply could not be encoded or decoded.</summary>
    public static CorbaSystemException Marshal(string message, uint minor = 0, CompletionStatus completed = CompletionStatus.No) =>
        new("MARSHAL", minor, completed, message);

    /// <summary>BAD_PARAM: an argument is out of range (also: a value that cannot be sent, such as a wchar before negotiation).</summary>
    public static CorbaSystemException BadParam(string message, uint minor = 0, CompletionStatus completed = CompletionStatus.No) =>
        new("BAD_PARAM", minor, completed, message);

    /// <summary>BAD_OPERATION: the target has no such operation.</summary>
    public static CorbaSystemException BadOperation(string message, uint minor = 0, CompletionStatus completed = CompletionStatus.No) =>
        new("BAD_OPERATION", minor, completed, message);

    /// <summary>OBJECT_NOT_EXIST: the target object does not exist.</summary>
    public static CorbaSystemException ObjectNotExist(string message, uint minor = 0, CompletionStatus completed = CompletionStatus.No) =>
        new("OBJECT_NOT_EXIST", minor, completed, message);

    /// <summary>TRANSIENT: the target could not be reached now; the call may be retried.</summary>
    public static CorbaSystemException Transient(string message, uint minor = 0, CompletionStatus completed = CompletionStatus.No) =>
        new("TRANSIENT", minor, completed, message);

    /// <summary>COMM_FAILURE: the connection failed while the call was in progress.</summary>
    public static CorbaSystemException CommFailure(string message, uint minor = 0, CompletionStatus completed = CompletionStatus.Maybe) =>
        new("COMM_FAILURE", minor, completed, message);

    /// <summary>UNKNOWN: the servant raised something that is neither a declared user exception nor a system exception.</summary>
    public static CorbaSystemException Unknown(string message, uint minor = 0, CompletionStatus completed = CompletionStatus.Maybe) =>
        new("UNKNOWN", minor, completed, message);
}
