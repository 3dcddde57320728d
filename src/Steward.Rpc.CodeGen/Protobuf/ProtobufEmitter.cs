using System.Collections.Generic;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf;

/// <summary>
/// C# for one .proto file: its enums, messages (nested types in a static <c>Types</c> class, as
/// protoc's C# plugin does), services and the file's descriptor. Types of imported files are
/// referenced, not emitted; the well-known types resolve to Steward.Rpc.Protobuf.WellKnownTypes.
/// Generated messages need only Steward.Rpc.Protobuf; services also need Steward.Rpc.
/// </summary>
public sealed class ProtobufEmitter : ICSharpEmitter
{
    private static readonly IdlSyntax[] Served = { IdlSyntax.Proto3, IdlSyntax.Proto2 };

    /// <inheritdoc />
    public string Name => "protobuf";

    /// <inheritdoc />
    public IReadOnlyList<IdlSyntax> Syntaxes => Served;

    /// <inheritdoc />
    public IReadOnlyList<GeneratedFile> Emit(SchemaSet set, SchemaFile file, CodeGenOptions options)
    {
        var names = new TypeNames(set, file, options);
        var access = options.InternalAccess ? "internal" : "public";
        var w = new CodeWriter();
        var ns = names.NamespaceOf(file);
        if (ns.Length > 0)
        {
            w.Open("namespace " + ns);
        }
        foreach (var e in file.Enums)
        {
            EnumEmitter.Emit(w, e, access);
            w.Line();
        }
        foreach (var m in file.Messages)
        {
            if (m.IsMapEntry)
            {
                continue;
            }
            new MessageEmitter(m, names, access).Emit(w);
            w.Line();
        }
        if (options.GenerateClients || options.GenerateServers)
        {
            foreach (var service in file.Services)
            {
                ServiceEmitter.Emit(w, service, names, options, access);
                w.Line();
            }
        }
        DescriptorEmitter.Emit(w, set, file);
        if (ns.Length > 0)
        {
            w.Close();
        }
        return new List<GeneratedFile> { new GeneratedFile(CSharpGenerator.HintName(file.Path), w.ToString()) };
    }
}
