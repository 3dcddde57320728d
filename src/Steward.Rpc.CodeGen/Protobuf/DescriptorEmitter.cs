using System.Text;
using Steward.Rpc.Schema;
using Steward.Rpc.Schema.Descriptors;

namespace Steward.Rpc.CodeGen.Protobuf;

/// <summary>
/// Embeds a proto file's serialized FileDescriptorProto (as protoc's descriptor set holds it) in the
/// generated C# and registers it with <c>Steward.Rpc.Protobuf.ProtoDescriptorRegistry</c> from a module
/// initializer, so gRPC server reflection can describe the file with no runtime reflection.
/// </summary>
internal static class DescriptorEmitter
{
    public static void Emit(CodeWriter w, SchemaSet set, SchemaFile file)
    {
        if (file.Syntax != IdlSyntax.Proto3 && file.Syntax != IdlSyntax.Proto2)
        {
            return;
        }
        var bytes = FileDescriptorBuilder.Build(set, file);
        w.Line("/// <summary>Registers the FileDescriptorProto of " + file.Path.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;") + " for server reflection.</summary>");
        w.Open("internal static class " + ClassName(file.Path));
        w.Line("private static global::System.ReadOnlySpan<byte> Data => new byte[]");
        w.Open("");
        var line = new StringBuilder();
        for (var i = 0; i < bytes.Length; i++)
        {
            line.Append(bytes[i]).Append(',');
            if (line.Length > 110 || i == bytes.Length - 1)
            {
                w.Line(line.ToString());
                line.Clear();
            }
            else
            {
                line.Append(' ');
            }
        }
        w.Close(";");
        w.Line();
        w.Line("#pragma warning disable CA2255 // registering descriptors at load time is the point");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Line("internal static void Register() =>");
        w.Line("    global::Steward.Rpc.Protobuf.ProtoDescriptorRegistry.Register(" + Naming.Literal(file.Path) + ", static () => Data.ToArray());");
        w.Line("#pragma warning restore CA2255");
        w.Close();
    }

    private static string ClassName(string path)
    {
        var sb = new StringBuilder("StewardDescriptor_");
        foreach (var c in path)
        {
            sb.Append(char.IsLetterOrDigit(c) && c < 128 ? c : '_');
        }
        // Paths that differ only in punctuation would otherwise collide.
        var hash = 2166136261u;
        foreach (var c in path)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        return sb.Append('_').Append(hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)).ToString();
    }
}
