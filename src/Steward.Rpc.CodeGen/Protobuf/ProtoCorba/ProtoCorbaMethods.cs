using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf.ProtoCorba;

/// <summary>Which proto methods are carried over IIOP, and the codec their descriptor gets.</summary>
internal static class ProtoCorbaMethods
{
    /// <summary>
    /// The CorbaOperation of a method descriptor, or null when the method is not carried over IIOP: GIOP has one
    /// request and one reply per call, so only unary methods; methods on the well-known types are not carried.
    /// The operation takes the request struct as its one <c>in</c> parameter and returns the response struct;
    /// the interface's repository id is the service's full name with <c>/</c> for dots
    /// (<c>helloworld.Greeter</c> → <c>IDL:helloworld/Greeter:1.0</c>), as an IDL module path gives it.
    /// </summary>
    public static string? Operation(MethodDef method, string request, string response)
    {
        if (method.CallKind != CallKind.Unary || IsWellKnown(method.InputType) || IsWellKnown(method.OutputType))
        {
            return null;
        }
        var repositoryId = "IDL:" + (method.Service?.FullName ?? "").Replace(".", "/") + ":1.0";
        return $"{ProtoCorbaEmitter.Corba}CorbaStructOperation.Create<{request}, {response}>({Naming.Literal(method.Name)}, {Naming.Literal(repositoryId)})";
    }

    private static bool IsWellKnown(TypeRef type) => type.Definition?.File?.IsWellKnown == true;
}
