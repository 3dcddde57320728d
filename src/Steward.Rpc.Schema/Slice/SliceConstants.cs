using System.Collections.Generic;
using System.Linq;

namespace Steward.Rpc.Schema.Slice;

/// <summary>
/// Checks constants and data member defaults as slice2* do: the type must take a literal (a
/// built-in type other than Object/Value, or an enum), the literal's kind must match it, integers must
/// fit, and a name must designate a constant of a compatible type or an enumerator of the right enum.
/// </summary>
internal sealed class SliceConstants
{
    private const int MaxChain = 100;

    private readonly SchemaSet _set;
    private readonly SliceLinker _linker;
    private readonly Dictionary<ConstantDef, SliceDecl> _constantDecls = new();

    public SliceConstants(SchemaSet set, SliceLinker linker)
    {
        _set = set;
        _linker = linker;
    }

    private DiagnosticBag Diagnostics => _set.Diagnostics;

    public void CheckAll(List<SliceUnit> units)
    {
        foreach (var unit in units)
        {
            foreach (var pair in unit.DeclOf)
            {
                if (pair.Key is ConstantDef constant)
                {
                    _constantDecls[constant] = pair.Value;
                }
            }
        }
        foreach (var unit in units)
        {
            foreach (var use in unit.ValueUses)
            {
                Check(use);
            }
        }
    }

    private static bool TakesLiteral(TypeRef type) =>
        type.Kind == TypeKind.Enum || (type.Kind == TypeKind.Scalar && type.Scalar != ScalarType.AnyClass);

    private void Check(SliceValueUse use)
    {
        var type = use.Type;
        if (type.Kind == TypeKind.Unresolved)
        {
            return;
        }
        if (!TakesLiteral(type))
        {
            if (use.IsDefault)
            {
                Diagnostics.Error(SliceDiagnostics.DefaultNotAllowed, $"Default value not allowed for data member `{use.Name}'.", use.Value.Location);
            }
            else
            {
                var shown = type.IsScalar(ScalarType.AnyClass) ? ": `Object'" : "";
                Diagnostics.Error(SliceDiagnostics.ConstantType, $"Constant `{use.Name}' has illegal type{shown}.", use.Value.Location);
            }
            return;
        }
        CheckValue(use, use.Value, use.Scope, use.Order, use.File, 0);
    }

    private void CheckValue(SliceValueUse use, ConstantValue value, string scope, int order, SchemaFile from, int depth)
    {
        var type = use.Type;
        if (depth > MaxChain)
        {
            Diagnostics.Error(SliceDiagnostics.ConstantType, $"Constant `{use.Name}' refers to constants nested too deeply.", use.Value.Location);
            return;
        }
        switch (value.Kind)
        {
            case ConstantKind.Identifier:
                CheckName(use, value, scope, order, from, depth);
                return;
            case ConstantKind.Bool:
                RequireKind(use, type.IsScalar(ScalarType.Bool), "bool");
                return;
            case ConstantKind.String:
                RequireKind(use, type.IsScalar(ScalarType.String), "string");
                return;
            case ConstantKind.Float:
                RequireKind(use, type.IsScalar(ScalarType.Float) || type.IsScalar(ScalarType.Double), "double");
                return;
            case ConstantKind.Integer:
                if (!value.TryGetInt64(out var number))
                {
                    Diagnostics.Error(SliceDiagnostics.InvalidNumber, $"Integer constant `{value.Text}' out of range.", use.Value.Location);
                    return;
                }
                if (!RequireKind(use, type.Kind == TypeKind.Scalar && type.Scalar is ScalarType.Byte or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64 or ScalarType.Float or ScalarType.Double, "long"))
                {
                    return;
                }
                var (min, max) = type.Scalar switch
                {
                    ScalarType.Byte => (0L, 255L),
                    ScalarType.Int16 => (short.MinValue, short.MaxValue),
                    ScalarType.Int32 => (int.MinValue, int.MaxValue),
                    _ => (long.MinValue, long.MaxValue),
                };
                if (number < min || number > max)
                {
                    Diagnostics.Error(SliceDiagnostics.ConstantType, $"Initializer `{value.Text}' for {use.What} `{use.Name}' out of range for type {SliceName(type)}.", use.Value.Location);
                }
                return;
            default:
                RequireKind(use, false, "literal");
                return;
        }
    }

    private bool RequireKind(SliceValueUse use, bool matches, string literalType)
    {
        if (!matches)
        {
            Diagnostics.Error(SliceDiagnostics.ConstantType,
                $"Initializer of type `{literalType}' is incompatible with the type `{SliceName(use.Type)}' of {use.What} `{use.Name}'.", use.Value.Location);
        }
        return matches;
    }

    private void CheckName(SliceValueUse use, ConstantValue value, string scope, int order, SchemaFile from, int depth)
    {
        var type = use.Type;
        var symbol = _linker.Lookup(value.Text, scope, order, from);
        var element = symbol?.Definition?.Element;
        if (element is ConstantDef constant && _constantDecls.TryGetValue(constant, out var decl))
        {
            if (constant.Type.Kind == TypeKind.Enum || type.Kind == TypeKind.Enum)
            {
                RequireKind(use, constant.Type.Definition == type.Definition, SliceName(constant.Type));
                return;
            }
            if (constant.Type.Kind != TypeKind.Scalar)
            {
                return;
            }
            CheckValue(use, constant.Value, decl.Scope, decl.Order, decl.File ?? from, depth + 1);
            return;
        }
        if (element is EnumValueDef enumerator)
        {
            CheckEnumerator(use, value, enumerator);
            return;
        }
        if (symbol != null)
        {
            Diagnostics.Error(SliceDiagnostics.ConstantType, $"`{value.Text}' is neither a constant nor an enumerator.", use.Value.Location);
            return;
        }
        var candidates = _linker.EnumeratorsInScope(value.Text, scope, order, from).Select(d => (EnumValueDef)d.Element!).ToList();
        if (candidates.Count == 0)
        {
            Diagnostics.Error(SliceDiagnostics.UndefinedName, $"`{value.Text}' is not defined.", use.Value.Location);
            return;
        }
        var match = candidates.FirstOrDefault(c => c.Owner == type.Definition);
        CheckEnumerator(use, value, match ?? candidates[0]);
    }

    private void CheckEnumerator(SliceValueUse use, ConstantValue value, EnumValueDef enumerator)
    {
        var type = use.Type;
        if (type.Kind != TypeKind.Enum)
        {
            RequireKind(use, false, "::" + enumerator.Owner!.FullName.Replace(".", "::"));
            return;
        }
        if (enumerator.Owner != type.Definition)
        {
            Diagnostics.Error(SliceDiagnostics.WrongEnumerator, $"`{value.Text}' does not designate an enumerator of `{SliceName(type)}'.", use.Value.Location);
        }
    }

    private static string SliceName(TypeRef type) => type.Kind switch
    {
        TypeKind.Scalar => type.Scalar switch
        {
            ScalarType.Int16 => "short",
            ScalarType.Int32 => "int",
            ScalarType.Int64 => "long",
            ScalarType.AnyClass => "Object",
            _ => type.Scalar.ToString().ToLowerInvariant(),
        },
        _ => "::" + (type.Definition?.FullName ?? type.Name ?? "?").Replace(".", "::"),
    };
}
