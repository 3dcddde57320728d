using System.Globalization;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf;

/// <summary>proto enums → C# enums. proto3 enums are open: any int32 read from the wire is kept as is.</summary>
internal static class EnumEmitter
{
    public static void Emit(CodeWriter w, EnumDef def, string access)
    {
        var typeName = TypeNames.SimpleName(def);
        w.Doc(def.Documentation);
        w.Open($"{access} enum {typeName}");
        var names = new MemberNames(new[] { "value__" });
        foreach (var value in def.Values)
        {
            var name = names.Claim(Naming.ShoutyToPascalCase(Naming.StripEnumPrefix(def.Name, value.Name)));
            w.Doc(value.Documentation);
            w.Line($"{Naming.Escape(name)} = {value.Number.ToString(CultureInfo.InvariantCulture)},");
        }
        w.Close();
    }
}
