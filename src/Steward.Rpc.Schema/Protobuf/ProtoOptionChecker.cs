using System.Collections.Generic;

namespace Steward.Rpc.Schema.Protobuf;

/// <summary>
/// Checks option names and values against descriptor.proto's <c>*Options</c> messages and the
/// custom options (<c>extend google.protobuf.FieldOptions { ... }</c>) visible from the file: a
/// custom option must name an extension of the right options message, each <c>.sub</c> part a
/// field of the message before it, and the value must fit the field's type (aggregates field by
/// field). Standard options added by descriptor.proto revisions newer than ours are let through
/// unchecked rather than rejected.
/// </summary>
internal sealed class ProtoOptionChecker
{
    private static readonly object Gate = new();
    private static SchemaSet? _builtinDescriptor;

    /// <summary>Options added to descriptor.proto after the revision we ship (editions era).</summary>
    private static readonly HashSet<string> NewerStandardOptions = new()
    {
        "FileOptions.features", "MessageOptions.features", "MessageOptions.deprecated_legacy_json_field_conflicts",
        "FieldOptions.features", "FieldOptions.debug_redact", "FieldOptions.retention", "FieldOptions.targets",
        "FieldOptions.edition_defaults", "FieldOptions.feature_support", "OneofOptions.features", "EnumOptions.features",
        "EnumOptions.deprecated_legacy_json_field_conflicts", "EnumValueOptions.features", "EnumValueOptions.debug_redact",
        "EnumValueOptions.feature_support", "ServiceOptions.features", "MethodOptions.features", "ExtensionRangeOptions.features",
    };

    private readonly SchemaSet _set;
    private readonly ProtoLinker _linker;
    private readonly DiagnosticBag _diagnostics;
    private SchemaFile _file = null!;

    public ProtoOptionChecker(SchemaSet set, ProtoLinker linker)
    {
        _set = set;
        _linker = linker;
        _diagnostics = set.Diagnostics;
    }

    /// <summary>descriptor.proto is always known to protoc even when not imported; we compile our copy once.</summary>
    private static SchemaSet BuiltinDescriptor()
    {
        lock (Gate)
        {
            return _builtinDescriptor ??= ProtoCompiler.CompileWithoutOptionChecks("google/protobuf/descriptor.proto");
        }
    }

    private MessageDef? OptionsMessage(string name) =>
        (_set.FindType("google.protobuf." + name) ?? BuiltinDescriptor().FindType("google.protobuf." + name)) as MessageDef;

    public void Check()
    {
        foreach (var file in _linker.Files)
        {
            _file = file;
            CheckAll(file.Options, "FileOptions", file.Package);
            foreach (var message in file.AllMessages())
            {
                CheckAll(message.Options, "MessageOptions", message.FullName);
                foreach (var field in message.Fields)
                {
                    CheckAll(field.Options, "FieldOptions", message.FullName);
                    CheckDefault(field);
                }
                foreach (var oneof in message.Oneofs)
                {
                    CheckAll(oneof.Options, "OneofOptions", message.FullName);
                }
                foreach (var nested in message.NestedEnums)
                {
                    CheckEnum(nested, message.FullName);
                }
                CheckExtends(message.Extends, message.FullName);
            }
            foreach (var definition in file.Enums)
            {
                CheckEnum(definition, file.Package);
            }
            CheckExtends(file.Extends, file.Package);
            foreach (var service in file.Services)
            {
                CheckAll(service.Options, "ServiceOptions", service.FullName);
                foreach (var method in service.Methods)
                {
                    CheckAll(method.Options, "MethodOptions", service.FullName);
                }
            }
        }
    }

    private void CheckEnum(EnumDef definition, string scope)
    {
        CheckAll(definition.Options, "EnumOptions", definition.FullName);
        foreach (var value in definition.Values)
        {
            CheckAll(value.Options, "EnumValueOptions", scope);
        }
    }

    private void CheckExtends(List<ExtendDef> extends, string scope)
    {
        foreach (var extend in extends)
        {
            foreach (var field in extend.Fields)
            {
                CheckAll(field.Options, "FieldOptions", scope);
                CheckDefault(field);
            }
        }
    }

    private void CheckAll(List<OptionDef> options, string optionsMessage, string scope)
    {
        if (options.Count == 0)
        {
            return;
        }
        var target = OptionsMessage(optionsMessage);
        if (target == null)
        {
            return;
        }
        var seen = new HashSet<string>();
        foreach (var option in options)
        {
            var field = Resolve(option, target, scope);
            if (field == null)
            {
                continue;
            }
            if (field.Label != FieldLabel.Repeated && !seen.Add(option.Name))
            {
                _diagnostics.Error(ProtoDiagnostics.DuplicateOption, $"Option \"{option.Name}\" was already set.", option.Location);
            }
            CheckValue(option, field);
        }
    }

    /// <summary>Splits <c>(a.b).c.(d)</c> into its parts; parenthesized parts are extensions.</summary>
    private FieldDef? Resolve(OptionDef option, MessageDef target, string scope)
    {
        var parts = OptionName.Split(option.Name);
        var current = target;
        FieldDef? field = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var (name, isExtension) = parts[i];
            if (isExtension)
            {
                field = _linker.LookupExtension(_file, name, scope, out _, out var notImported);
                if (field == null)
                {
                    var hint = notImported != null
                        ? $" It is defined in \"{notImported.File.Path}\", which is not imported by \"{_file.Path}\"."
                        : " Ensure that the file imports the proto which defines the option.";
                    _diagnostics.Error(ProtoDiagnostics.UnknownOption, $"Option \"({name})\" unknown.{hint}", option.Location);
                    return null;
                }
                if (field.Extendee?.Extendee.Definition is not MessageDef extendee || extendee.FullName != current.FullName)
                {
                    _diagnostics.Error(ProtoDiagnostics.UnknownOption,
                        $"Option \"({name})\" extends \"{field.Extendee?.Extendee.Name}\", so it cannot be set on \"{current.FullName}\".", option.Location);
                    return null;
                }
            }
            else
            {
                field = null;
                foreach (var candidate in current.Fields)
                {
                    if (candidate.Name == name)
                    {
                        field = candidate;
                        break;
                    }
                }
                if (field == null)
                {
                    if (i == 0 && NewerStandardOptions.Contains(current.Name + "." + name))
                    {
                        // Known to newer protoc releases than our descriptor.proto revision: kept, not checked.
                    }
                    else if (i == 0)
                    {
                        _diagnostics.Error(ProtoDiagnostics.UnknownStandardOption,
                            $"Option \"{name}\" unknown: it is not a field of \"{current.FullName}\". Custom options are written in parentheses: \"({name})\".",
                            option.Location);
                    }
                    else
                    {
                        _diagnostics.Error(ProtoDiagnostics.UnknownOption,
                            $"Option field \"{name}\" is not a field of message \"{current.FullName}\".", option.Location);
                    }
                    return null;
                }
            }
            if (i < parts.Count - 1)
            {
                if (field.Type.Definition is not MessageDef next || field.Type.Kind != TypeKind.Message)
                {
                    _diagnostics.Error(ProtoDiagnostics.UnknownOption,
                        $"Option \"{option.Name}\": \"{name}\" is an atomic type, not a message, so it has no sub-fields.", option.Location);
                    return null;
                }
                current = next;
            }
        }
        return field;
    }

    /// <summary>proto2 <c>[default = ...]</c> (proto3 already rejected it): only singular scalar and enum fields, with a value of their type.</summary>
    private void CheckDefault(FieldDef field)
    {
        var value = field.DefaultValue;
        if (value == null || field.Type.Kind == TypeKind.Unresolved)
        {
            return;
        }
        string? message = null;
        if (field.Label == FieldLabel.Repeated)
        {
            message = "Repeated fields can't have default values.";
        }
        else if (field.Type.Kind == TypeKind.Message)
        {
            message = "Messages can't have default values.";
        }
        else if (ValueProblem("default", field, value, textFormat: false, depth: 0) is { } problem)
        {
            message = problem.Message;
        }
        if (message != null)
        {
            _diagnostics.Error(ProtoDiagnostics.BadDefault, message, value.Location);
        }
    }

    private void CheckValue(OptionDef option, FieldDef field)
    {
        var problem = ValueProblem(option.Name, field, option.Value, textFormat: false, depth: 0);
        if (problem != null)
        {
            _diagnostics.Error(ProtoDiagnostics.BadOptionValue, problem.Value.Message, problem.Value.At);
        }
    }

    /// <summary>
    /// What is wrong with <paramref name="value"/> as a value of <paramref name="field"/>, or null.
    /// Inside aggregates (<paramref name="textFormat"/>) the protobuf text format's looser forms count too.
    /// </summary>
    private (string Message, SourceLocation At)? ValueProblem(string name, FieldDef field, ConstantValue value, bool textFormat, int depth)
    {
        var type = field.Type;
        if (value.Kind == ConstantKind.List && textFormat)
        {
            if (field.Label != FieldLabel.Repeated)
            {
                return ($"Error in option \"{name}\": field \"{field.Name}\" is not repeated, so it cannot take a list.", value.Location);
            }
            foreach (var item in value.Items)
            {
                if (ValueProblem(name, field, item, textFormat, depth) is { } problem)
                {
                    return problem;
                }
            }
            return null;
        }
        string? message = null;
        switch (type.Kind)
        {
            case TypeKind.Message:
                if (value.Kind != ConstantKind.Aggregate)
                {
                    message = textFormat
                        ? $"Error in option \"{name}\": field \"{field.Name}\" is a message; give it a {{ ... }} value."
                        : $"Option \"{name}\" is a message; set it with an aggregate value {{ ... }} or set its fields one by one.";
                }
                else if (depth < ProtoParser.MaxDepth)
                {
                    return AggregateProblem(name, (MessageDef)type.Definition!, value, depth + 1);
                }
                break;
            case TypeKind.Enum:
                if (textFormat && value.Kind == ConstantKind.Integer)
                {
                    break;
                }
                if (value.Kind != ConstantKind.Identifier)
                {
                    message = $"Value of option \"{name}\" must be an identifier naming a value of enum \"{type.Definition!.FullName}\".";
                }
                else if (!HasValue((EnumDef)type.Definition!, value.Text))
                {
                    message = $"Enum type \"{type.Definition!.FullName}\" has no value named \"{value.Text}\" for option \"{name}\".";
                }
                break;
            case TypeKind.Scalar:
                var textBool = textFormat && type.Scalar == ScalarType.Bool &&
                    (value.Text is "True" or "False" or "t" or "f" || (value.Kind == ConstantKind.Integer && value.IntegerMagnitude <= 1 && !value.IsNegative));
                message = textBool ? null : CheckScalar(name, type.Scalar, value);
                break;
        }
        return message == null ? null : (message, value.Location);
    }

    private (string Message, SourceLocation At)? AggregateProblem(string name, MessageDef type, ConstantValue aggregate, int depth)
    {
        foreach (var entry in aggregate.Entries)
        {
            var key = entry.Key.Text;
            if (key.StartsWith("[", System.StringComparison.Ordinal))
            {
                // Extensions and Any type URLs inside aggregates are kept unchecked.
                continue;
            }
            FieldDef? field = null;
            foreach (var candidate in type.Fields)
            {
                if (candidate.Name == key)
                {
                    field = candidate;
                    break;
                }
            }
            if (field == null)
            {
                return ($"Error in the value of option \"{name}\": message type \"{type.FullName}\" has no field named \"{key}\".", entry.Key.Location);
            }
            if (field.Type.Kind == TypeKind.Map)
            {
                continue;
            }
            if (ValueProblem(name, field, entry.Value, textFormat: true, depth) is { } problem)
            {
                return problem;
            }
        }
        return null;
    }

    private static bool HasValue(EnumDef definition, string name)
    {
        foreach (var value in definition.Values)
        {
            if (value.Name == name)
            {
                return true;
            }
        }
        return false;
    }

    private static string? CheckScalar(string name, ScalarType scalar, ConstantValue value)
    {
        switch (scalar)
        {
            case ScalarType.Bool:
                return value.Kind == ConstantKind.Bool ? null : $"Value of option \"{name}\" must be \"true\" or \"false\".";
            case ScalarType.String:
            case ScalarType.Bytes:
                return value.Kind == ConstantKind.String ? null : $"Value of option \"{name}\" must be a quoted string.";
            case ScalarType.Float:
            case ScalarType.Double:
                var special = value.Kind == ConstantKind.Identifier && (value.Text is "inf" or "-inf" or "nan" or "infinity" or "-infinity");
                return value.Kind is ConstantKind.Integer or ConstantKind.Float || special ? null : $"Value of option \"{name}\" must be a number.";
        }
        if (value.Kind != ConstantKind.Integer)
        {
            return $"Value of option \"{name}\" must be an integer.";
        }
        var (min, max) = scalar switch
        {
            ScalarType.Int32 or ScalarType.SInt32 or ScalarType.SFixed32 => (int.MinValue, (ulong)int.MaxValue),
            ScalarType.UInt32 or ScalarType.Fixed32 => (0L, (ulong)uint.MaxValue),
            ScalarType.UInt64 or ScalarType.Fixed64 => (0L, ulong.MaxValue),
            _ => (long.MinValue, (ulong)long.MaxValue),
        };
        var fits = value.IsNegative
            ? min < 0 && value.IntegerMagnitude <= (ulong)(-(min + 1)) + 1
            : value.IntegerMagnitude <= max;
        return fits ? null : $"Value of option \"{name}\" is out of range for {scalar.ToString().ToLowerInvariant()}.";
    }
}
