using System.Globalization;
using System.Linq;

namespace Steward.Rpc.CodeGen.Protobuf;

/// <summary>The wire methods: size, write (in field-number order, like Google.Protobuf), read, merge, equality.</summary>
internal sealed partial class MessageEmitter
{
    private static string N(uint value) => value.ToString(CultureInfo.InvariantCulture);
    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The condition under which a non-repeated field is on the wire.</summary>
    private string Present(FieldModel f) => f.Shape switch
    {
        FieldShape.Implicit => f.Codec.NotDefault(f.Backing),
        FieldShape.Optional => IsSet(f),
        FieldShape.Message => f.Backing + " != null",
        _ => f.Oneof!.CaseBacking + " == " + CaseMember(f),
    };

    private void EmitCalculateSize(CodeWriter w)
    {
        w.Open("public int CalculateSize()");
        w.Line("int size = 0;");
        foreach (var f in _fields.OrderBy(x => x.Number))
        {
            var tagSize = N(FieldModel.TagSize(f.Tag));
            switch (f.Shape)
            {
                case FieldShape.Repeated when f.Packed:
                    w.Open($"if ({f.Backing}.Count != 0)");
                    if (f.Codec.FixedSize > 0)
                    {
                        w.Line($"int data = {f.Backing}.Count * {N(f.Codec.FixedSize)};");
                    }
                    else
                    {
                        w.Line("int data = 0;");
                        w.Line($"foreach (var item in global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan({f.Backing})) data += {f.Codec.Size("item")};");
                    }
                    w.Line($"size += {tagSize} + {Rt}ProtoSize.Length(data) + data;");
                    w.Close();
                    break;
                case FieldShape.Repeated when f.Codec.IsMessage:
                    w.Line($"foreach (var item in global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan({f.Backing})) {{ var s = item.CalculateSize(); size += {tagSize} + {Rt}ProtoSize.Length(s) + s; }}");
                    break;
                case FieldShape.Repeated when f.Codec.FixedSize > 0:
                    w.Line($"size += {f.Backing}.Count * ({tagSize} + {N(f.Codec.FixedSize)});");
                    break;
                case FieldShape.Repeated:
                    w.Line($"foreach (var item in global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan({f.Backing})) size += {tagSize} + {f.Codec.Size("item")};");
                    break;
                case FieldShape.Map:
                    w.Open($"foreach (var pair in {f.Backing})");
                    w.Line($"int entry = {EntrySize(f, computeMessage: true)};");
                    w.Line($"size += {tagSize} + {Rt}ProtoSize.Length(entry) + entry;");
                    w.Close();
                    break;
                default:
                    if (f.Codec.IsMessage)
                    {
                        w.Line($"if ({Present(f)}) {{ var s = {f.Backing}!.CalculateSize(); size += {tagSize} + {Rt}ProtoSize.Length(s) + s; }}");
                    }
                    else
                    {
                        w.Line($"if ({Present(f)}) size += {tagSize} + {f.Codec.Size(f.Backing)};");
                    }
                    break;
            }
        }
        w.Line($"size += {Rt}UnknownFieldSet.CalculateSize(__unknownFields);");
        w.Line("__cachedSize = size;");
        w.Line("return size;");
        w.Close();
        w.Line();
    }

    /// <summary>Size of one map entry's body: key and value are omitted when default, as Google.Protobuf does.</summary>
    private static string EntrySize(FieldModel f, bool computeMessage)
    {
        var key = f.KeyCodec!;
        var keyPart = $"({key.NotDefaultInMap("pair.Key")} ? 1 + {key.Size("pair.Key")} : 0)";
        string valuePart;
        if (f.Codec.IsMessage)
        {
            var size = computeMessage ? "pair.Value.CalculateSize()" : "pair.Value.GetCachedSize()";
            valuePart = $"(pair.Value != null ? 1 + {Rt}ProtoSize.Length({size}) + pair.Value.GetCachedSize() : 0)";
        }
        else
        {
            valuePart = $"({f.Codec.NotDefaultInMap("pair.Value")} ? 1 + {f.Codec.Size("pair.Value")} : 0)";
        }
        return keyPart + " + " + valuePart;
    }

    private void EmitWriteTo(CodeWriter w)
    {
        w.Line("/// <summary>Writes the fields; <see cref=\"CalculateSize\"/> must have run just before (it caches embedded sizes).</summary>");
        w.Open("public void WriteTo(ref " + Rt + "ProtoWriter writer)");
        foreach (var f in _fields.OrderBy(x => x.Number))
        {
            var tag = FieldModel.WriteTag(f.Tag);
            switch (f.Shape)
            {
                case FieldShape.Repeated when f.Packed:
                    w.Open($"if ({f.Backing}.Count != 0)");
                    w.Line(tag);
                    if (f.Codec.FixedSize > 0)
                    {
                        w.Line($"writer.WriteLength({f.Backing}.Count * {N(f.Codec.FixedSize)});");
                    }
                    else
                    {
                        w.Line("int data = 0;");
                        w.Line($"foreach (var item in global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan({f.Backing})) data += {f.Codec.Size("item")};");
                        w.Line("writer.WriteLength(data);");
                    }
                    w.Line($"foreach (var item in global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan({f.Backing})) {f.Codec.Write("item")}");
                    w.Close();
                    break;
                case FieldShape.Repeated:
                    w.Line($"foreach (var item in global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan({f.Backing})) {{ {tag} {f.Codec.Write("item")} }}");
                    break;
                case FieldShape.Map:
                    w.Open($"foreach (var pair in {f.Backing})");
                    w.Line(tag);
                    w.Line($"writer.WriteLength({EntrySize(f, computeMessage: false)});");
                    w.Line($"if ({f.KeyCodec!.NotDefaultInMap("pair.Key")}) {{ {FieldModel.WriteTag(FieldModel.MakeTag(1, f.KeyCodec.WireType))} {f.KeyCodec.Write("pair.Key")} }}");
                    w.Line($"if ({f.Codec.NotDefaultInMap("pair.Value")}) {{ {FieldModel.WriteTag(FieldModel.MakeTag(2, f.Codec.WireType))} {f.Codec.Write("pair.Value")} }}");
                    w.Close();
                    break;
                default:
                    w.Line($"if ({Present(f)}) {{ {tag} {f.Codec.Write(f.Backing + (f.Codec.IsMessage ? "!" : ""))} }}");
                    break;
            }
        }
        w.Line("__unknownFields?.WriteTo(ref writer);");
        w.Close();
        w.Line();
    }

    private void EmitMergeFromReader(CodeWriter w)
    {
        w.Line("/// <summary>Reads fields up to the end of the current message; later values of a field replace earlier ones.</summary>");
        w.Open("public void MergeFrom(ref " + Rt + "ProtoReader reader)");
        w.Line("uint tag;");
        w.Open("while ((tag = reader.ReadTag()) != 0)");
        w.Open("switch (tag)");
        foreach (var f in _fields)
        {
            var elementTag = FieldModel.MakeTag(f.Number, f.Codec.WireType);
            switch (f.Shape)
            {
                case FieldShape.Repeated when f.Codec.IsPackable:
                    w.Line($"case {N(FieldModel.MakeTag(f.Number, 2))}:");
                    w.Open("");
                    w.Line("var outer = reader.NarrowTo(reader.BeginPacked());");
                    w.Line($"while (!reader.IsAtEnd) {f.Backing}.Add({f.Codec.ReadExpression});");
                    w.Line("reader.RestoreLimit(outer);");
                    w.Line("break;");
                    w.Close();
                    w.Line($"case {N(elementTag)}: {f.Backing}.Add({f.Codec.ReadExpression}); break;");
                    break;
                case FieldShape.Repeated when f.Codec.IsMessage:
                    w.Line($"case {N(elementTag)}: {{ var item = new {f.Codec.CsType}(); var outer = reader.BeginMessage(); item.MergeFrom(ref reader); reader.EndMessage(outer); {f.Backing}.Add(item); break; }}");
                    break;
                case FieldShape.Repeated:
                    w.Line($"case {N(elementTag)}: {f.Backing}.Add({f.Codec.ReadExpression}); break;");
                    break;
                case FieldShape.Map:
                    EmitMapRead(w, f);
                    break;
                case FieldShape.Message:
                    w.Line($"case {N(elementTag)}: {{ {f.Backing} ??= new {f.Codec.CsType}(); var outer = reader.BeginMessage(); {f.Backing}.MergeFrom(ref reader); reader.EndMessage(outer); break; }}");
                    break;
                case FieldShape.OneofMember when f.Codec.IsMessage:
                    w.Line($"case {N(elementTag)}: {{ var item = {Present(f)} ? {f.Backing}! : new {f.Codec.CsType}(); var outer = reader.BeginMessage(); item.MergeFrom(ref reader); reader.EndMessage(outer); {f.Property} = item; break; }}");
                    break;
                default:
                    w.Line($"case {N(elementTag)}: {f.Property} = {f.Codec.ReadExpression}; break;");
                    break;
            }
        }
        w.Line("default:");
        w.Indent();
        var known = _fields.Select(f => f.Number).Distinct().OrderBy(n => n).ToList();
        if (known.Count > 0)
        {
            w.Line("switch (tag >> 3)");
            w.Line("{");
            w.Indent();
            w.Line(string.Join(" ", known.Select(n => "case " + N(n) + ":")) + " reader.ThrowWrongWireType(tag); break;");
            w.Outdent();
            w.Line("}");
        }
        w.Line($"__unknownFields = {Rt}UnknownFieldSet.MergeFieldFrom(__unknownFields, ref reader, tag);");
        w.Line("break;");
        w.Outdent();
        w.Close();
        w.Close();
        w.Close();
        w.Line();
    }

    private static void EmitMapRead(CodeWriter w, FieldModel f)
    {
        var key = f.KeyCodec!;
        var value = f.Codec;
        w.Line($"case {N(FieldModel.MakeTag(f.Number, 2))}:");
        w.Open("");
        w.Line("var outer = reader.BeginMessage();");
        w.Line($"{key.CsType} key = {key.DefaultValue};");
        w.Line($"{value.FieldType} value = {value.DefaultValue};");
        w.Line("uint entryTag;");
        w.Open("while ((entryTag = reader.ReadTag()) != 0)");
        w.Open("switch (entryTag)");
        w.Line($"case {N(FieldModel.MakeTag(1, key.WireType))}: key = {key.ReadExpression}; break;");
        if (value.IsMessage)
        {
            w.Line($"case {N(FieldModel.MakeTag(2, 2))}: {{ value ??= new {value.CsType}(); var inner = reader.BeginMessage(); value.MergeFrom(ref reader); reader.EndMessage(inner); break; }}");
        }
        else
        {
            w.Line($"case {N(FieldModel.MakeTag(2, value.WireType))}: value = {value.ReadExpression}; break;");
        }
        w.Line("default: if ((entryTag >> 3) is 1 or 2) reader.ThrowWrongWireType(entryTag); reader.SkipField(entryTag); break;");
        w.Close();
        w.Close();
        w.Line("reader.EndMessage(outer);");
        w.Line($"{f.Backing}[key] = value{(value.IsMessage ? " ?? new " + value.CsType + "()" : "")};");
        w.Line("break;");
        w.Close();
    }

    private void EmitMergeFromMessage(CodeWriter w)
    {
        w.Line("/// <summary>Protobuf merge: set fields of <paramref name=\"other\"/> replace, lists append, maps overwrite by key, messages merge.</summary>");
        w.Open($"public void MergeFrom({_className}? other)");
        w.Line("if (other is null) return;");
        foreach (var f in _fields)
        {
            switch (f.Shape)
            {
                case FieldShape.Implicit:
                    w.Line($"if ({f.Codec.NotDefault("other." + f.Backing)}) {f.Property} = other.{f.Backing};");
                    break;
                case FieldShape.Optional:
                    w.Line($"if (other.{f.HasName}) {f.Property} = other.{f.Backing};");
                    break;
                case FieldShape.Message:
                    w.Line($"if (other.{f.Backing} != null) ({f.Backing} ??= new {f.Codec.CsType}()).MergeFrom(other.{f.Backing});");
                    break;
                case FieldShape.Repeated:
                    w.Line(f.Codec.IsMessage
                        ? $"foreach (var item in other.{f.Backing}) {f.Backing}.Add(item.Clone());"
                        : $"{f.Backing}.AddRange(other.{f.Backing});");
                    break;
                case FieldShape.Map:
                    w.Line($"foreach (var pair in other.{f.Backing}) {f.Backing}[pair.Key] = {(f.Codec.IsMessage ? "pair.Value?.Clone()!" : "pair.Value")};");
                    break;
            }
        }
        foreach (var oneof in _oneofs)
        {
            w.Open($"switch (other.{oneof.CaseBacking})");
            foreach (var m in oneof.Members)
            {
                if (m.Codec.IsMessage)
                {
                    w.Line($"case {CaseMember(m)}: if ({Present(m)}) {m.Backing}!.MergeFrom(other.{m.Backing}); else {m.Property} = other.{m.Backing}!.Clone(); break;");
                }
                else
                {
                    w.Line($"case {CaseMember(m)}: {m.Property} = other.{m.Backing}; break;");
                }
            }
            w.Close();
        }
        w.Line($"__unknownFields = {Rt}UnknownFieldSet.MergeFrom(__unknownFields, other.__unknownFields);");
        w.Close();
        w.Line();
    }

    private void EmitEquality(CodeWriter w)
    {
        w.Line($"public override bool Equals(object? obj) => Equals(obj as {_className});");
        w.Line();
        w.Open($"public bool Equals({_className}? other)");
        w.Line("if (other is null) return false;");
        w.Line("if (global::System.Object.ReferenceEquals(this, other)) return true;");
        foreach (var oneof in _oneofs)
        {
            w.Line($"if ({oneof.CaseBacking} != other.{oneof.CaseBacking}) return false;");
        }
        foreach (var f in _fields)
        {
            switch (f.Shape)
            {
                case FieldShape.Repeated:
                    w.Line($"if (!{Rt}ProtoEquality.ListEquals({f.Backing}, other.{f.Backing}{f.Codec.ComparerArgument})) return false;");
                    break;
                case FieldShape.Map:
                    w.Line($"if (!{Rt}ProtoEquality.MapEquals({f.Backing}, other.{f.Backing}{f.Codec.ComparerArgument})) return false;");
                    break;
                case FieldShape.Optional:
                    w.Line($"if ({f.HasName} != other.{f.HasName} || !({f.Codec.AreEqual(f.Backing, "other." + f.Backing)})) return false;");
                    break;
                default:
                    w.Line($"if (!({f.Codec.AreEqual(f.Backing, "other." + f.Backing)})) return false;");
                    break;
            }
        }
        w.Line($"return {Rt}UnknownFieldSet.AreEqual(__unknownFields, other.__unknownFields);");
        w.Close();
        w.Line();
        w.Open("public override int GetHashCode()");
        w.Line("var hash = new global::System.HashCode();");
        foreach (var oneof in _oneofs)
        {
            w.Line($"hash.Add({oneof.CaseBacking});");
        }
        foreach (var f in _fields)
        {
            switch (f.Shape)
            {
                case FieldShape.Repeated:
                    w.Line($"hash.Add({Rt}ProtoEquality.ListHashCode({f.Backing}{f.Codec.ComparerArgument}));");
                    break;
                case FieldShape.Map:
                    w.Line($"hash.Add({Rt}ProtoEquality.MapHashCode({f.Backing}{f.Codec.ComparerArgument}));");
                    break;
                default:
                    w.Line($"hash.Add({f.Codec.HashOf(f.Backing)});");
                    break;
            }
        }
        w.Line($"hash.Add({Rt}UnknownFieldSet.GetHashCode(__unknownFields));");
        w.Line("return hash.ToHashCode();");
        w.Close();
    }
}
