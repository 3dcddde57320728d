using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Thrift;

/// <summary>
/// Checks constants and field defaults against their declared types, as the Thrift compiler's
/// validate_const_type does, and resolves identifiers in them: a reference to another constant is
/// replaced by a copy of its value, an enum value used where a number is expected becomes that number,
/// and an enum value given for an enum-typed slot stays an identifier holding the value's short name.
/// Unlike the Thrift compiler, integers out of range for i8/i16/i32 are errors (the generated code
/// could not hold them).
/// </summary>
internal sealed class ThriftConstants
{
    private readonly SchemaSet _set;
    private readonly ThriftLinker _linker;
    private readonly Dictionary<ConstantDef, int> _state = new();

    public ThriftConstants(SchemaSet set, ThriftLinker linker)
    {
        _set = set;
        _linker = linker;
    }

    private DiagnosticBag Diagnostics => _set.Diagnostics;

    public void CheckAll(List<SchemaFile> files)
    {
        foreach (var file in files)
        {
            foreach (var constant in file.Constants)
            {
                CheckConstant(constant);
            }
            foreach (var message in file.Messages)
            {
                CheckDefaults(message.Fields, file);
            }
            foreach (var service in file.Services)
            {
                foreach (var method in service.Methods)
                {
                    CheckDefaults(method.Parameters, file);
                    CheckDefaults(method.Throws, file);
                }
            }
        }
    }

    private void CheckDefaults(List<FieldDef> fields, SchemaFile file)
    {
        foreach (var field in fields)
        {
            if (field.DefaultValue != null)
            {
                field.DefaultValue = Check(field.DefaultValue, field.Type, file, field.Name, 0);
            }
        }
    }

    private void CheckConstant(ConstantDef constant)
    {
        _state.TryGetValue(constant, out var state);
        if (state != 0 || !_linker.ConstantFiles.TryGetValue(constant, out var file))
        {
            return;
        }
        _state[constant] = 1;
        constant.Value = Check(constant.Value, constant.Type, file, constant.Name, 0);
        _state[constant] = 2;
    }

    private ConstantValue Check(ConstantValue value, TypeRef type, SchemaFile file, string name, int depth)
    {
        if (type.Kind == TypeKind.Unresolved || depth > ThriftParser.MaxNesting + 1)
        {
            return value;
        }
        if (value.Kind == ConstantKind.Identifier)
        {
            return CheckIdentifier(value, type, file, name, depth);
        }
        switch (type.Kind)
        {
            case TypeKind.Scalar:
                CheckScalar(value, type.Scalar, name);
                return value;
            case TypeKind.Enum:
                var enumDef = (EnumDef)type.Definition!;
                if (value.Kind != ConstantKind.Integer)
                {
                    Mismatch(value, name, enumDef.Name);
                }
                else if (!value.TryGetInt64(out var number) || !enumDef.Values.Exists(v => v.Number == number))
                {
                    Diagnostics.Error(ThriftDiagnostics.UnknownConstant,
                        $"Couldn't find a named value in enum {enumDef.Name} for value {value.Text}.", value.Location);
                }
                return value;
            case TypeKind.List:
            case TypeKind.Set:
                if (value.Kind == ConstantKind.Map && value.Entries.Count == 0)
                {
                    // The Thrift compiler takes "{}" as an empty list or set too.
                    return ConstantValue.NewList(value.Location);
                }
                if (value.Kind != ConstantKind.List)
                {
                    Mismatch(value, name, type.ToString());
                    return value;
                }
                for (var i = 0; i < value.Items.Count; i++)
                {
                    value.Items[i] = Check(value.Items[i], type.Element!, file, name, depth + 1);
                }
                return value;
            case TypeKind.Map:
                if (value.Kind != ConstantKind.Map)
                {
                    Mismatch(value, name, type.ToString());
                    return value;
                }
                var keys = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < value.Entries.Count; i++)
                {
                    var entry = value.Entries[i];
                    var key = Check(entry.Key, type.Key!, file, name, depth + 1);
                    value.Entries[i] = new KeyValuePair<ConstantValue, ConstantValue>(key, Check(entry.Value, type.Element!, file, name, depth + 1));
                    // The Thrift compiler keeps the last of equal keys; a generated dictionary initializer would throw instead.
                    if (key.Kind is not (ConstantKind.List or ConstantKind.Map) && !keys.Add(key.Kind + ":" + key.Text))
                    {
                        Diagnostics.Warning(ThriftDiagnostics.DuplicateMapKey, $"Key {key} appears more than once in \"{name}\"; the last value wins.", key.Location);
                    }
                }
                return value;
            case TypeKind.Message:
                return CheckStruct(value, (MessageDef)type.Definition!, file, name, depth);
            default:
                return value;
        }
    }

    private ConstantValue CheckStruct(ConstantValue value, MessageDef message, SchemaFile file, string name, int depth)
    {
        if (value.Kind != ConstantKind.Map)
        {
            Mismatch(value, name, message.Name);
            return value;
        }
        for (var i = 0; i < value.Entries.Count; i++)
        {
            var entry = value.Entries[i];
            if (entry.Key.Kind != ConstantKind.String)
            {
                Diagnostics.Error(ThriftDiagnostics.ConstantTypeMismatch,
                    $"type error: \"{name}\" is a struct {message.Name}; its keys must be field names in quotes.", entry.Key.Location);
                continue;
            }
            var field = message.Fields.Find(f => f.Name == entry.Key.Text);
            if (field == null)
            {
                Diagnostics.Error(ThriftDiagnostics.UnknownStructField,
                    $"No field named \"{entry.Key.Text}\" was found in struct of type \"{message.Name}\".", entry.Key.Location);
                continue;
            }
            value.Entries[i] = new KeyValuePair<ConstantValue, ConstantValue>(entry.Key, Check(entry.Value, field.Type, file, name, depth + 1));
        }
        return value;
    }

    private void CheckScalar(ConstantValue value, ScalarType scalar, string name)
    {
        switch (scalar)
        {
            case ScalarType.String:
            case ScalarType.Bytes:
                if (value.Kind != ConstantKind.String)
                {
                    Mismatch(value, name, scalar == ScalarType.String ? "string" : "binary");
                }
                return;
            case ScalarType.Uuid:
                if (value.Kind != ConstantKind.String)
                {
                    Mismatch(value, name, "uuid");
                }
                else if (!Guid.TryParseExact(value.Text, "D", out _) && !Guid.TryParseExact(value.Text, "B", out _))
                {
                    Diagnostics.Error(ThriftDiagnostics.ConstantTypeMismatch,
                        $"type error: const \"{name}\" was declared as uuid, but \"{value.Text}\" is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).", value.Location);
                }
                return;
            case ScalarType.Double:
                if (value.Kind != ConstantKind.Integer && value.Kind != ConstantKind.Float)
                {
                    Mismatch(value, name, "double");
                }
                return;
            case ScalarType.Bool:
                // true and false are the integers 1 and 0 to the Thrift compiler, and any integer is taken.
                if (value.Kind != ConstantKind.Integer && value.Kind != ConstantKind.Bool)
                {
                    Mismatch(value, name, "bool");
                }
                return;
            case ScalarType.Int8:
            case ScalarType.Int16:
            case ScalarType.Int32:
            case ScalarType.Int64:
                if (value.Kind == ConstantKind.Bool)
                {
                    return;
                }
                if (value.Kind != ConstantKind.Integer)
                {
                    Mismatch(value, name, ScalarName(scalar));
                    return;
                }
                var (min, max) = scalar switch
                {
                    ScalarType.Int8 => ((long)sbyte.MinValue, (long)sbyte.MaxValue),
                    ScalarType.Int16 => (short.MinValue, short.MaxValue),
                    ScalarType.Int32 => (int.MinValue, int.MaxValue),
                    _ => (long.MinValue, long.MaxValue),
                };
                if (!value.TryGetInt64(out var number) || number < min || number > max)
                {
                    Diagnostics.Error(ThriftDiagnostics.ConstantOutOfRange,
                        $"Value {value.Text} of \"{name}\" is out of range for {ScalarName(scalar)} ({min}..{max}).", value.Location);
                }
                return;
        }
    }

    private static string ScalarName(ScalarType scalar) => scalar switch
    {
        ScalarType.Int8 => "i8",
        ScalarType.Int16 => "i16",
        ScalarType.Int32 => "i32",
        ScalarType.Int64 => "i64",
        _ => scalar.ToString().ToLowerInvariant(),
    };

    private void Mismatch(ConstantValue value, string name, string typeName) =>
        Diagnostics.Error(ThriftDiagnostics.ConstantTypeMismatch,
            $"type error: const \"{name}\" was declared as {typeName}, but its value is {Describe(value)}.", value.Location);

    private static string Describe(ConstantValue value) => value.Kind switch
    {
        ConstantKind.String => "a string",
        ConstantKind.Integer => "an integer",
        ConstantKind.Float => "a floating-point number",
        ConstantKind.Bool => "a bool",
        ConstantKind.List => "a list",
        ConstantKind.Map => "a map",
        _ => value.Text,
    };

    /// <summary>An identifier is an enum value (<c>Enum.VALUE</c>, <c>inc.Enum.VALUE</c>) or a constant (<c>NAME</c>, <c>inc.NAME</c>).</summary>
    private ConstantValue CheckIdentifier(ConstantValue value, TypeRef type, SchemaFile file, string name, int depth)
    {
        var text = value.Text;
        var lastDot = text.LastIndexOf('.');
        if (lastDot > 0 && type.Kind == TypeKind.Enum && ((EnumDef)type.Definition!).Values.Exists(v => v.Name == text.Substring(lastDot + 1)))
        {
            // Where an enum is expected the Thrift compiler looks only at the part after the last dot.
            return ConstantValue.FromIdentifier(text.Substring(lastDot + 1), value.Location);
        }
        if (lastDot > 0)
        {
            var enumName = ThriftLinker.Qualify(text.Substring(0, lastDot), file);
            if (enumName != null && _set.FindType(enumName) is EnumDef enumDef)
            {
                if (ThriftLinker.IsAfter(enumDef.Location, value.Location))
                {
                    Diagnostics.Error(ThriftDiagnostics.UnknownConstant,
                        $"Enum \"{enumDef.Name}\" is not defined at this point (it is declared further down).", value.Location);
                    return value;
                }
                var valueName = text.Substring(lastDot + 1);
                var enumValue = enumDef.Values.Find(v => v.Name == valueName);
                if (enumValue == null)
                {
                    Diagnostics.Error(ThriftDiagnostics.UnknownConstant,
                        $"\"{text}\" is not a valid value of enum {enumDef.Name}.", value.Location);
                    return value;
                }
                if (type.Kind == TypeKind.Enum)
                {
                    if (type.Definition != enumDef)
                    {
                        Mismatch(value, name, type.Definition!.Name);
                    }
                    return ConstantValue.FromIdentifier(valueName, value.Location);
                }
                return Check(ConstantValue.FromInteger((ulong)Math.Abs((long)enumValue.Number), enumValue.Number < 0, value.Location), type, file, name, depth);
            }
        }
        var constName = ThriftLinker.Qualify(text, file);
        if (constName != null && _linker.Constants.TryGetValue(constName, out var constant))
        {
            if (ThriftLinker.IsAfter(constant.Location, value.Location))
            {
                Diagnostics.Error(ThriftDiagnostics.UnknownConstant,
                    $"No enum value or constant found named \"{text}\" (constant {constant.Name} is declared further down).", value.Location);
                return value;
            }
            if (constant.Type.Kind is not (TypeKind.Scalar or TypeKind.Enum))
            {
                Diagnostics.Error(ThriftDiagnostics.ConstantTypeMismatch,
                    $"Constant \"{text}\" is a {constant.Type}; only constants of base types and enum values can be referenced by name.", value.Location);
                return value;
            }
            _state.TryGetValue(constant, out var state);
            if (state == 1)
            {
                Diagnostics.Error(ThriftDiagnostics.ConstantCycle, $"Constant \"{constant.Name}\" refers to itself.", value.Location);
                return value;
            }
            CheckConstant(constant);
            if (constant.Type.Kind == TypeKind.Enum && constant.Value.Kind == ConstantKind.Identifier)
            {
                return FromEnumConstant(constant, value, type, file, name, depth);
            }
            return Check(Copy(constant.Value, value.Location), type, file, name, depth);
        }
        if (type.Kind == TypeKind.Enum && lastDot < 0 && ((EnumDef)type.Definition!).Values.Exists(v => v.Name == text))
        {
            Diagnostics.Error(ThriftDiagnostics.UnqualifiedEnumValue,
                $"Identifier {text} is unqualified; write {type.Definition!.Name}.{text}.", value.Location);
            return value;
        }
        Diagnostics.Error(ThriftDiagnostics.UnknownConstant, $"No enum value or constant found named \"{text}\".", value.Location);
        return value;
    }

    /// <summary>An enum-typed constant holds its value's short name; elsewhere it stands for the number.</summary>
    private ConstantValue FromEnumConstant(ConstantDef constant, ConstantValue reference, TypeRef type, SchemaFile file, string name, int depth)
    {
        var enumDef = (EnumDef)constant.Type.Definition!;
        var enumValue = enumDef.Values.Find(v => v.Name == constant.Value.Text);
        if (type.Kind == TypeKind.Enum)
        {
            if (type.Definition != enumDef)
            {
                Mismatch(reference, name, type.Definition!.Name);
            }
            return ConstantValue.FromIdentifier(constant.Value.Text, reference.Location);
        }
        if (enumValue == null)
        {
            return reference;
        }
        return Check(ConstantValue.FromInteger((ulong)Math.Abs((long)enumValue.Number), enumValue.Number < 0, reference.Location), type, file, name, depth);
    }

    /// <summary>A deep copy placed where the reference was written (constants are inlined, as Thrift does).</summary>
    private static ConstantValue Copy(ConstantValue value, SourceLocation location)
    {
        switch (value.Kind)
        {
            case ConstantKind.Bool:
                return ConstantValue.FromBool(value.BoolValue, location);
            case ConstantKind.Integer:
                return ConstantValue.FromInteger(value.IntegerMagnitude, value.IsNegative, location);
            case ConstantKind.Float:
                return ConstantValue.FromFloat(value.FloatValue, location);
            case ConstantKind.String:
                return ConstantValue.FromString(value.Text, location);
            case ConstantKind.List:
                var list = ConstantValue.NewList(location);
                foreach (var item in value.Items)
                {
                    list.Items.Add(Copy(item, location));
                }
                return list;
            case ConstantKind.Map:
                var map = ConstantValue.NewMap(location);
                foreach (var entry in value.Entries)
                {
                    map.Entries.Add(new KeyValuePair<ConstantValue, ConstantValue>(Copy(entry.Key, location), Copy(entry.Value, location)));
                }
                return map;
            default:
                return ConstantValue.FromIdentifier(value.Text, location);
        }
    }
}
