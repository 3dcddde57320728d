using System.Collections.Generic;
using System.Linq;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen.Protobuf;

/// <summary>Emits one message class: properties, presence, oneofs, equality, clone and merge (the wire methods are in the other part).</summary>
internal sealed partial class MessageEmitter
{
    private const string Rt = ValueCodec.Rt;
    private const string Scg = "global::System.Collections.Generic.";

    private static readonly string[] ReservedMembers =
    {
        "Types", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
        "Clone", "MergeFrom", "WriteTo", "CalculateSize", "GetCachedSize", "ToByteArray", "Parse", "Marshaller", "UnknownFields",
    };

    private readonly MessageDef _message;
    private readonly TypeNames _names;
    private readonly string _access;
    private readonly string _className;
    private readonly string _fullName;
    private readonly List<FieldModel> _fields = new();
    private readonly List<OneofModel> _oneofs = new();
    private int _hasBitCount;

    public MessageEmitter(MessageDef message, TypeNames names, string access)
    {
        _message = message;
        _names = names;
        _access = access;
        _className = TypeNames.SimpleName(message);
        _fullName = names.FullName(message);
        BuildModel();
    }

    /// <summary>Map fields arrive either as <c>map&lt;K,V&gt;</c> type references or as repeated synthetic entry messages.</summary>
    public static bool TryGetMap(FieldDef field, out TypeRef key, out TypeRef value)
    {
        if (field.Type.Kind == TypeKind.Map && field.Type.Key != null && field.Type.Element != null)
        {
            key = field.Type.Key;
            value = field.Type.Element;
            return true;
        }
        if (field.Type.Kind == TypeKind.Message && field.Type.Definition is MessageDef { IsMapEntry: true } entry)
        {
            var k = entry.Fields.FirstOrDefault(f => f.Number == 1);
            var v = entry.Fields.FirstOrDefault(f => f.Number == 2);
            if (k != null && v != null)
            {
                key = k.Type;
                value = v.Type;
                return true;
            }
        }
        key = TypeRef.Void;
        value = TypeRef.Void;
        return false;
    }

    private void BuildModel()
    {
        var members = new MemberNames(ReservedMembers.Concat(new[] { _className.TrimStart('@') }));
        var oneofs = new Dictionary<OneofDef, OneofModel>();
        foreach (var field in _message.Fields)
        {
            FieldModel model;
            if (TryGetMap(field, out var key, out var value))
            {
                model = new FieldModel(field, FieldShape.Map, ValueCodec.For(value, _names)) { KeyCodec = ValueCodec.For(key, _names) };
            }
            else
            {
                var codec = ValueCodec.For(field.Type, _names);
                FieldShape shape;
                if (field.Label == FieldLabel.Repeated)
                {
                    shape = FieldShape.Repeated;
                }
                else if (field.Oneof != null && !field.Oneof.IsSynthetic)
                {
                    shape = FieldShape.OneofMember;
                }
                else if (codec.IsMessage)
                {
                    shape = FieldShape.Message;
                }
                else if (field.Label == FieldLabel.Optional || field.Oneof != null)
                {
                    shape = FieldShape.Optional;
                }
                else
                {
                    shape = FieldShape.Implicit;
                }
                model = new FieldModel(field, shape, codec) { Packed = shape == FieldShape.Repeated && codec.IsPackable && IsPacked(field) };
            }
            model.Property = members.Claim(Naming.ToPascalCase(field.Name));
            if (model.Shape == FieldShape.OneofMember)
            {
                if (!oneofs.TryGetValue(field.Oneof!, out var oneof))
                {
                    oneof = new OneofModel(field.Oneof!);
                    oneofs.Add(field.Oneof!, oneof);
                    _oneofs.Add(oneof);
                }
                oneof.Members.Add(model);
                model.Oneof = oneof;
            }
            _fields.Add(model);
        }
        foreach (var oneof in _oneofs)
        {
            var baseName = Naming.ToPascalCase(oneof.Def.Name);
            oneof.EnumName = members.Claim(baseName + "OneofCase");
            oneof.CaseProperty = members.Claim(baseName + "Case");
            oneof.ClearName = members.Claim("Clear" + baseName);
        }
        foreach (var field in _fields)
        {
            field.NumberConstant = members.Claim(field.Property + "FieldNumber");
            if (field.Shape == FieldShape.Optional)
            {
                field.HasBit = _hasBitCount++;
                field.HasName = members.Claim("Has" + field.Property);
                field.ClearName = members.Claim("Clear" + field.Property);
            }
        }
    }

    /// <summary>proto3 packs repeated scalars unless <c>[packed = false]</c>.</summary>
    private static bool IsPacked(FieldDef field)
    {
        var option = field.FindOption("packed");
        if (option != null && option.Value.Kind == ConstantKind.Bool)
        {
            return option.Value.BoolValue;
        }
        return field.IsPacked || field.Owner?.File?.Syntax != IdlSyntax.Proto2;
    }

    private string HasBitsField(int bit) => "__hasBits" + (bit / 32);
    private static string BitMask(int bit) => "0x" + (1u << (bit % 32)).ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "u";
    private string IsSet(FieldModel f) => "(" + HasBitsField(f.HasBit) + " & " + BitMask(f.HasBit) + ") != 0";
    private string CaseMember(FieldModel f) => f.Oneof!.EnumName + "." + f.Property;

    public void Emit(CodeWriter w)
    {
        w.Doc(_message.Documentation);
        var thrift = _names.Options.ThriftCodecs;
        var ice = _names.Options.IceCodecs;
        var corba = _names.Options.CorbaCodecs;
        w.Open($"{_access} sealed partial class {_className} : {Rt}IProtoMessage<{_className}>{(thrift ? ProtoThrift.ProtoThriftEmitter.InterfaceSuffix : "")}{(ice ? ProtoIce.ProtoIceEmitter.InterfaceSuffix : "")}{(corba ? ProtoCorba.ProtoCorbaEmitter.InterfaceSuffix : "")}");
        w.Line($"private {Rt}UnknownFieldSet? __unknownFields;");
        w.Line("private int __cachedSize;");
        for (var i = 0; i < (_hasBitCount + 31) / 32; i++)
        {
            w.Line($"private uint __hasBits{i};");
        }
        w.Line();
        w.Line($"public {_className}() {{ }}");
        w.Line();
        EmitCopyConstructor(w);
        foreach (var field in _fields)
        {
            EmitField(w, field);
        }
        foreach (var oneof in _oneofs)
        {
            EmitOneof(w, oneof);
        }
        w.Line("/// <summary>Fields this schema does not know, kept to be written back.</summary>");
        w.Line($"public {Rt}UnknownFieldSet? UnknownFields => __unknownFields;");
        w.Line();
        EmitEntryPoints(w);
        EmitCalculateSize(w);
        EmitWriteTo(w);
        EmitMergeFromReader(w);
        EmitMergeFromMessage(w);
        EmitEquality(w);
        if (thrift)
        {
            new ProtoThrift.ProtoThriftEmitter(_message, _fields).Emit(w);
        }
        if (ice)
        {
            new ProtoIce.ProtoIceEmitter(_message, _fields).Emit(w);
        }
        if (corba)
        {
            new ProtoCorba.ProtoCorbaEmitter(_message, _fields).Emit(w);
        }
        EmitNestedTypes(w);
        w.Close();
    }

    private void EmitCopyConstructor(CodeWriter w)
    {
        w.Open($"private {_className}({_className} other) : this()");
        for (var i = 0; i < (_hasBitCount + 31) / 32; i++)
        {
            w.Line($"__hasBits{i} = other.__hasBits{i};");
        }
        foreach (var f in _fields)
        {
            switch (f.Shape)
            {
                case FieldShape.Implicit:
                case FieldShape.Optional:
                case FieldShape.OneofMember when !f.Codec.IsMessage:
                    w.Line($"{f.Backing} = other.{f.Backing};");
                    break;
                case FieldShape.Message:
                case FieldShape.OneofMember:
                    w.Line($"{f.Backing} = other.{f.Backing}?.Clone();");
                    break;
                case FieldShape.Repeated:
                    if (f.Codec.IsMessage)
                    {
                        w.Line($"foreach (var item in other.{f.Backing}) {f.Backing}.Add(item.Clone());");
                    }
                    else
                    {
                        w.Line($"{f.Backing}.AddRange(other.{f.Backing});");
                    }
                    break;
                case FieldShape.Map:
                    w.Line($"foreach (var pair in other.{f.Backing}) {f.Backing}.Add(pair.Key, {(f.Codec.IsMessage ? "pair.Value?.Clone()!" : "pair.Value")});");
                    break;
            }
        }
        foreach (var oneof in _oneofs)
        {
            w.Line($"{oneof.CaseBacking} = other.{oneof.CaseBacking};");
        }
        w.Line($"__unknownFields = {Rt}UnknownFieldSet.Clone(other.__unknownFields);");
        w.Close();
        w.Line();
        w.Line("/// <summary>A deep copy: embedded messages, lists and maps are copied too.</summary>");
        w.Line($"public {_className} Clone() => new {_className}(this);");
        w.Line();
    }

    private void EmitField(CodeWriter w, FieldModel f)
    {
        var number = f.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        w.Line($"/// <summary>Field number of <see cref=\"{f.Property}\"/>.</summary>");
        w.Line($"public const int {f.NumberConstant} = {number};");
        var type = f.Codec.CsType;
        var nullCheck = f.Codec.IsString ? " ?? throw new global::System.ArgumentNullException(nameof(value))" : "";
        switch (f.Shape)
        {
            case FieldShape.Implicit:
                w.Line($"private {type} {f.Backing} = {f.Codec.DefaultValue};");
                w.Doc(f.Def.Documentation);
                w.Line($"public {type} {f.Property} {{ get => {f.Backing}; set => {f.Backing} = value{nullCheck}; }}");
                break;
            case FieldShape.Optional:
                w.Line($"private {type} {f.Backing} = {f.Codec.DefaultValue};");
                w.Doc(f.Def.Documentation);
                w.Open($"public {type} {f.Property}");
                w.Line($"get => {f.Backing};");
                w.Line($"set {{ {f.Backing} = value{nullCheck}; {HasBitsField(f.HasBit)} |= {BitMask(f.HasBit)}; }}");
                w.Close();
                w.Line($"/// <summary>Whether <see cref=\"{f.Property}\"/> was set (proto3 <c>optional</c>).</summary>");
                w.Line($"public bool {f.HasName} => {IsSet(f)};");
                w.Line($"public void {f.ClearName}() {{ {HasBitsField(f.HasBit)} &= ~{BitMask(f.HasBit)}; {f.Backing} = {f.Codec.DefaultValue}; }}");
                break;
            case FieldShape.Message:
                w.Line($"private {type}? {f.Backing};");
                w.Doc(f.Def.Documentation);
                w.Line($"public {type}? {f.Property} {{ get => {f.Backing}; set => {f.Backing} = value; }}");
                break;
            case FieldShape.Repeated:
                w.Line($"private readonly {Scg}List<{type}> {f.Backing} = new();");
                w.Doc(f.Def.Documentation);
                w.Line($"public {Scg}List<{type}> {f.Property} => {f.Backing};");
                break;
            case FieldShape.Map:
                w.Line($"private readonly {Scg}Dictionary<{f.KeyCodec!.CsType}, {type}> {f.Backing} = new();");
                w.Doc(f.Def.Documentation);
                w.Line($"public {Scg}Dictionary<{f.KeyCodec.CsType}, {type}> {f.Property} => {f.Backing};");
                break;
            case FieldShape.OneofMember:
                var oneof = f.Oneof!;
                w.Line($"private {f.Codec.FieldType} {f.Backing}{(f.Codec.IsMessage ? "" : " = " + f.Codec.DefaultValue)};");
                w.Doc(f.Def.Documentation);
                w.Open($"public {f.Codec.FieldType} {f.Property}");
                w.Line($"get => {oneof.CaseBacking} == {CaseMember(f)} ? {f.Backing} : {f.Codec.DefaultValue};");
                if (f.Codec.IsMessage)
                {
                    w.Line($"set {{ {oneof.ClearName}(); if (value != null) {{ {f.Backing} = value; {oneof.CaseBacking} = {CaseMember(f)}; }} }}");
                }
                else
                {
                    w.Line($"set {{ var v = value{nullCheck}; {oneof.ClearName}(); {f.Backing} = v; {oneof.CaseBacking} = {CaseMember(f)}; }}");
                }
                w.Close();
                break;
        }
        w.Line();
    }

    private void EmitOneof(CodeWriter w, OneofModel oneof)
    {
        w.Line($"/// <summary>Which member of oneof <c>{oneof.Def.Name}</c> is set.</summary>");
        w.Open($"public enum {oneof.EnumName}");
        w.Line("None = 0,");
        foreach (var member in oneof.Members)
        {
            w.Line($"{member.Property} = {member.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)},");
        }
        w.Close();
        w.Line($"private {oneof.EnumName} {oneof.CaseBacking};");
        w.Line($"public {oneof.EnumName} {oneof.CaseProperty} => {oneof.CaseBacking};");
        w.Open($"public void {oneof.ClearName}()");
        w.Line($"{oneof.CaseBacking} = {oneof.EnumName}.None;");
        foreach (var member in oneof.Members)
        {
            w.Line($"{member.Backing} = {member.Codec.DefaultValue};");
        }
        w.Close();
        w.Line();
    }

    private void EmitEntryPoints(CodeWriter w)
    {
        var opts = $"{Rt}ProtoReaderOptions? options = null";
        w.Line($"public static {_className} Parse(global::System.ReadOnlySpan<byte> data, {opts}) => {Rt}ProtoMessage.Parse(new {_className}(), data, options);");
        w.Line($"public static {_className} Parse(global::System.Buffers.ReadOnlySequence<byte> data, {opts}) => {Rt}ProtoMessage.Parse(new {_className}(), data, options);");
        w.Line($"public void MergeFrom(global::System.ReadOnlySpan<byte> data, {opts}) => {Rt}ProtoMessage.Parse(this, data, options);");
        w.Line($"public byte[] ToByteArray() => {Rt}ProtoMessage.ToByteArray(this);");
        w.Line($"public void WriteTo(global::System.Buffers.IBufferWriter<byte> output) => {Rt}ProtoMessage.WriteTo(this, output);");
        w.Line($"public int WriteTo(global::System.Span<byte> destination) => {Rt}ProtoMessage.WriteTo(this, destination);");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Line("public int GetCachedSize() => __cachedSize;");
        w.Line();
    }

    private void EmitNestedTypes(CodeWriter w)
    {
        var nestedMessages = _message.NestedMessages.Where(m => !m.IsMapEntry).ToList();
        if (nestedMessages.Count == 0 && _message.NestedEnums.Count == 0)
        {
            return;
        }
        w.Line();
        w.Line("/// <summary>Types declared inside this message.</summary>");
        w.Open($"public static partial class Types");
        foreach (var e in _message.NestedEnums)
        {
            EnumEmitter.Emit(w, e, "public");
            w.Line();
        }
        foreach (var m in nestedMessages)
        {
            new MessageEmitter(m, _names, "public").Emit(w);
            w.Line();
        }
        w.Close();
    }
}
