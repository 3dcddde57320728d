namespace Steward.Rpc.Corba;

// SEAM (lead, placeholder for the Any/TypeCode helper): the emitter maps IDL `any` to CorbaAny and calls
// CorbaAny.Write(output, value) / CorbaAny.Read(input). The helper replaces this file with the real thing
// (TypeCode with its kinds, the value model, CDR of both) and keeps those two entry points.

/// <summary>An IDL <c>any</c>: a TypeCode and a value of that type.</summary>
public sealed partial class CorbaAny
{
    /// <summary>Writes <paramref name="value"/>: its TypeCode, then the value.</summary>
    public static void Write(CdrOutputStream output, CorbaAny value) => throw new NotImplementedException("CorbaAny is being built.");

    /// <summary>Reads an any: its TypeCode, then a value of that type.</summary>
    public static CorbaAny Read(CdrInputStream input) => throw new NotImplementedException("CorbaAny is being built.");
}
