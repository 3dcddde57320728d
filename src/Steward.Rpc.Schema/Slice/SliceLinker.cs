using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Slice;

/// <summary>
/// Registers every definition under its dotted module path and resolves names the way Slice scopes
/// them: a relative name from the innermost enclosing module outwards (its first component decides
/// where, as in slice2*), <c>::A::B</c> from the top, and only to what is declared before the use
/// (files count in load order, so an included file comes before the file including it).
/// </summary>
internal sealed partial class SliceLinker
{
    private readonly SchemaSet _set;
    private readonly List<SliceUnit> _units;
    private readonly Dictionary<string, SliceSymbol> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SliceSymbol> _byLowerName = new(StringComparer.Ordinal);
    private readonly HashSet<TypeRef> _interfacesByValue = new();

    public SliceLinker(SchemaSet set, List<SliceUnit> units)
    {
        _set = set;
        _units = units;
    }

    private DiagnosticBag Diagnostics => _set.Diagnostics;

    /// <summary>Every declaration of one full name: modules reopen, a class or interface may be declared before its definition.</summary>
    internal sealed class SliceSymbol
    {
        public SliceSymbol(SliceDecl first)
        {
            First = first;
        }

        public SliceDecl First { get; }
        public SliceDecl? Definition { get; set; }
        public SliceKind Kind => Definition?.Kind ?? First.Kind;
        public bool IsVisibleAt(int order) => First.Order < order;
        public bool IsDefinedAt(int order) => Definition != null && Definition.Order < order;
    }

    public void Link()
    {
        var orderBase = 0;
        foreach (var unit in _units)
        {
            var largest = 0;
            foreach (var decl in unit.Decls)
            {
                largest = Math.Max(largest, decl.Order);
                decl.Order += orderBase;
            }
            foreach (var use in unit.TypeUses)
            {
                largest = Math.Max(largest, use.Name.Order);
                use.Name.Order += orderBase;
            }
            foreach (var use in unit.ValueUses)
            {
                largest = Math.Max(largest, use.Order);
                use.Order += orderBase;
            }
            foreach (var name in AllNameRefs(unit))
            {
                largest = Math.Max(largest, name.Order);
                name.Order += orderBase;
            }
            orderBase += largest + 1;
        }
        foreach (var unit in _units)
        {
            foreach (var decl in unit.Decls)
            {
                Register(decl);
            }
        }
        foreach (var unit in _units)
        {
            foreach (var decl in unit.Decls)
            {
                if (!_symbols.TryGetValue(decl.FullName, out var symbol) || symbol.Definition != decl)
                {
                    continue;
                }
                if (decl.Element is TypeDef type && !_set.TryAddType(type))
                {
                    Diagnostics.Error(SliceDiagnostics.Redefinition, $"Redefinition of `{type.FullName}'.", decl.Location);
                }
                if (decl.Element is ServiceDef service && !_set.TryAddService(service))
                {
                    Diagnostics.Error(SliceDiagnostics.Redefinition, $"Redefinition of `{service.FullName}'.", decl.Location);
                }
            }
        }
        foreach (var unit in _units)
        {
            foreach (var (decl, name) in unit.Bases)
            {
                LinkBase(decl, name);
            }
            foreach (var decl in unit.Decls)
            {
                foreach (var name in decl.Implements)
                {
                    LinkImplements(name);
                }
            }
            foreach (var use in unit.TypeUses)
            {
                ResolveUse(use);
            }
            foreach (var (field, name) in unit.Throws)
            {
                LinkThrows(field, name);
            }
            foreach (var use in unit.TagUses)
            {
                LinkTag(use);
            }
        }
        ReplaceInterfacesByValue();
    }

    private static IEnumerable<SliceNameRef> AllNameRefs(SliceUnit unit)
    {
        foreach (var (_, name) in unit.Bases)
        {
            yield return name;
        }
        foreach (var (_, name) in unit.Throws)
        {
            yield return name;
        }
        foreach (var use in unit.TagUses)
        {
            yield return use.Name;
        }
        foreach (var decl in unit.Decls)
        {
            foreach (var name in decl.Implements)
            {
                yield return name;
            }
        }
    }

    private static string KindName(SliceKind kind) => kind switch
    {
        SliceKind.Module => "module",
        SliceKind.Class or SliceKind.ClassForward => "class",
        SliceKind.Interface or SliceKind.InterfaceForward => "interface",
        SliceKind.Exception => "exception",
        SliceKind.Struct => "struct",
        SliceKind.Sequence => "sequence",
        SliceKind.Dictionary => "dictionary",
        SliceKind.Enum => "enumeration",
        SliceKind.Enumerator => "enumerator",
        _ => "constant",
    };

    private static bool IsForward(SliceKind kind) => kind == SliceKind.ClassForward || kind == SliceKind.InterfaceForward;

    private static SliceKind Defined(SliceKind kind) => kind switch
    {
        SliceKind.ClassForward => SliceKind.Class,
        SliceKind.InterfaceForward => SliceKind.Interface,
        _ => kind,
    };

    private void Register(SliceDecl decl)
    {
        var fullName = decl.FullName;
        if (_symbols.TryGetValue(fullName, out var symbol))
        {
            var previous = symbol.Kind;
            if (decl.Kind == SliceKind.Module && previous == SliceKind.Module)
            {
                return;
            }
            if (Defined(decl.Kind) == Defined(previous) && (IsForward(decl.Kind) || IsForward(previous) || symbol.Definition == null))
            {
                if (!IsForward(decl.Kind))
                {
                    if (symbol.Definition != null)
                    {
                        Diagnostics.Error(SliceDiagnostics.Redefinition, $"Redefinition of {KindName(previous)} `{decl.Name}'.", decl.Location);
                        return;
                    }
                    symbol.Definition = decl;
                }
                return;
            }
            Diagnostics.Error(SliceDiagnostics.Redefinition, $"Redefinition of {KindName(previous)} `{decl.Name}' as {KindName(decl.Kind)}.", decl.Location);
            return;
        }
        var lower = fullName.ToLowerInvariant();
        if (_byLowerName.TryGetValue(lower, out var other))
        {
            var message = decl.Kind == SliceKind.Module && other.Kind == SliceKind.Module
                ? $"Module `{decl.Name}' is capitalized inconsistently with its previous name: `{other.First.Name}'."
                : $"{Capitalize(KindName(decl.Kind))} `{decl.Name}' differs only in capitalization from {KindName(other.Kind)} `{other.First.Name}'.";
            Diagnostics.Error(SliceDiagnostics.CaseConflict, message, decl.Location);
        }
        symbol = new SliceSymbol(decl);
        if (!IsForward(decl.Kind))
        {
            symbol.Definition = decl;
        }
        _symbols[fullName] = symbol;
        _byLowerName[lower] = symbol;
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <summary>The symbol <paramref name="written"/> designates from <paramref name="scope"/> at <paramref name="order"/>, or null.</summary>
    public SliceSymbol? Lookup(string written, string scope, int order)
    {
        var path = written.Replace("::", ".");
        if (path.StartsWith(".", StringComparison.Ordinal))
        {
            return Visible(path.Substring(1), order);
        }
        var dot = path.IndexOf('.');
        var first = dot < 0 ? path : path.Substring(0, dot);
        var current = scope;
        while (true)
        {
            var prefix = current.Length == 0 ? "" : current + ".";
            if (Visible(prefix + first, order) != null)
            {
                return Visible(prefix + path, order);
            }
            if (current.Length == 0)
            {
                return null;
            }
            var last = current.LastIndexOf('.');
            current = last < 0 ? "" : current.Substring(0, last);
        }
    }

    private SliceSymbol? Visible(string fullName, int order) =>
        _symbols.TryGetValue(fullName, out var symbol) && symbol.IsVisibleAt(order) ? symbol : null;

    /// <summary>Every enumerator named <paramref name="name"/> directly in a module that encloses <paramref name="scope"/> (the deprecated unscoped form).</summary>
    public IEnumerable<SliceDecl> EnumeratorsInScope(string name, string scope, int order)
    {
        foreach (var symbol in _symbols.Values)
        {
            var decl = symbol.First;
            if (decl.Kind != SliceKind.Enumerator || decl.Name != name || decl.Order >= order)
            {
                continue;
            }
            var enumScope = decl.Scope.LastIndexOf('.') < 0 ? "" : decl.Scope.Substring(0, decl.Scope.LastIndexOf('.'));
            if (enumScope.Length == 0 || scope == enumScope || scope.StartsWith(enumScope + ".", StringComparison.Ordinal))
            {
                yield return decl;
            }
        }
    }
}
