using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf.ProtoIce;

/// <summary>Which proto methods are carried over Ice, and the codec their descriptor gets.</summary>
internal static class ProtoIceMethods
{
    /// <summary>
    /// The IceOperation of a method descriptor, or null when the method is not carried over Ice: Ice has one
    /// request and one reply per call, so only unary methods; methods on the well-known types are not carried
    /// (the runtime generates those without Ice codecs). The operation takes the request struct as its one
    /// parameter and returns the response struct; the interface's type id is the service's full name with
    /// <c>::</c> for dots (<c>greeter.Greeter</c> → <c>::greeter::Greeter</c>).
    /// </summary>
    public static string? Operation(MethodDef method, string request, string response)
    {
        if (method.CallKind != CallKind.Unary || IsWellKnown(method.InputType) || IsWellKnown(method.OutputType))
        {
            return null;
        }
        var typeId = "::" + (method.Service?.FullName ?? "").Replace(".", "::");
        return $"{ProtoIceEmitter.Ice}IceStructOperation.Create<{request}, {response}>({Naming.Literal(method.Name)}, {Naming.Literal(typeId)})";
    }

    private static bool IsWellKnown(TypeRef type) => type.Definition?.File?.IsWellKnown == true;
}
