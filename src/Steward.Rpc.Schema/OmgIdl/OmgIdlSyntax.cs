namespace Steward.Rpc.Schema.OmgIdl;

/// <summary>
/// The <see cref="IdlSyntax"/> of files written in OMG IDL (CORBA 3, as omniidl reads it): every file the
/// OMG IDL front-end produces carries it, and the CORBA emitter generates C# for exactly these files.
/// </summary>
public static class OmgIdlSyntax
{
    /// <summary>An OMG IDL (<c>.idl</c>) file.</summary>
    public static readonly IdlSyntax OmgIdl = new("OmgIdl");
}
