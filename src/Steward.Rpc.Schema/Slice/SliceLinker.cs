using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Slice;

/// <summary>
/// Registers every definition under its dotted module path and resolves names the way Slice scopes
/// them: a relative name from the innermost enclosing module outwards (its first component decides
/// where, as in slice2*), <c>::A::B</c> from the top, and only to what is declared before the use
/// in what the using file sees: itself and the files it includes, directly or not, as if slice2*
/// compiled it alone (files count in load order, so an included file comes before its includer).
/// </summary>
internal sealed partial class SliceLinker
{
    private readonly SchemaSet _set;
    private readonly List<SliceUnit> _units;
    private readonly Dictionary<string, SliceSymbol> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SliceSymbol> _byLowerName = new(StringComparer.Ordinal);
    private readonly HashSet<TypeRef> _modelledAsValue = new();

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
        /// <summary>Every declaration of the name, in every file (a module is reopened, a class declared before its definition).</summary>
        public List<SliceDecl> Decls { get; } = new();
        public SliceKind Kind => Definition?.Kind ?? First.Kind;
    }

    /// <summary>Each file with the files it sees: itself and, transitively, what it includes (as slice2* compile it alone).</summary>
    private readonly Dictionary<SchemaFile, HashSet<SchemaFile>> _visibleFiles = new();

    private bool Sees(SchemaFile from, SliceDecl decl) => decl.File != null && _visibleFiles.TryGetValue(from, out var files) && files.Contains(decl.File);

    private bool IsVisible(SliceSymbol symbol, int order, SchemaFile from) => symbol.Decls.Exists(d => d.Order < order && Sees(from, d));

    /// <summary>The definition counts when its file is seen from <paramref name="from"/>, and, with <paramref name="order"/>, comes before the use.</summary>
    public SliceDecl? VisibleDefinition(SliceSymbol symbol, SchemaFile from, int order = int.MaxValue) =>
        symbol.Definition != null && symbol.Definition.Order < order && Sees(from, symbol.Definition) ? symbol.Definition : null;

    private void ComputeVisibleFiles()
    {
        foreach (var unit in _units)
        {
            var seen = new HashSet<SchemaFile>();
            var pending = new Stack<SchemaFile>();
            pending.Push(unit.File);
            while (pending.Count > 0)
            {
                var file = pending.Pop();
                if (!seen.Add(file))
                {
                    continue;
                }
                foreach (var import in file.Imports)
                {
                    if (import.File != null)
                    {
                        pending.Push(import.File);
                    }
                }
            }
            _visibleFiles[unit.File] = seen;
        }
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
        ComputeVisibleFiles();
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
                    LinkImplements(decl, name);
                }
            }
            foreach (var use in unit.TypeUses)
            {
                ResolveUse(use);
            }
            foreach (var (field, name, user) in unit.Throws)
            {
                LinkThrows(field, name, user);
            }
            foreach (var (enumerator, name) in unit.EnumeratorConstants)
            {
                LinkEnumeratorConstant(unit, enumerator, name);
            }
            foreach (var use in unit.TagUses)
            {
                LinkTag(use);
            }
        }
        ReplaceModelledAsValue();
    }

    private static IEnumerable<SliceNameRef> AllNameRefs(SliceUnit unit)
    {
        foreach (var (_, name) in unit.Bases)
        {
            yield return name;
        }
        foreach (var (_, name, _) in unit.Throws)
        {
            yield return name;
        }
        foreach (var use in unit.TagUses)
        {
            yield return use.Name;
        }
        foreach (var (_, name) in unit.EnumeratorConstants)
        {
            yield return name;
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
            symbol.Decls.Add(decl);
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
        symbol.Decls.Add(decl);
        if (!IsForward(decl.Kind))
        {
            symbol.Definition = decl;
        }
        _symbols[fullName] = symbol;
        _byLowerName[lower] = symbol;
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);

    /// <summary>The symbol <paramref name="written"/> designates from <paramref name="scope"/> at <paramref name="order"/>, or null.</summary>
    public SliceSymbol? Lookup(string written, string scope, int order, SchemaFile from)
    {
        var path = written.Replace("::", ".");
        if (path.StartsWith(".", StringComparison.Ordinal))
        {
            return Visible(path.Substring(1), order, from);
        }
        var dot = path.IndexOf('.');
        var first = dot < 0 ? path : path.Substring(0, dot);
        var current = scope;
        while (true)
        {
            var prefix = current.Length == 0 ? "" : current + ".";
            if (Visible(prefix + first, order, from) != null)
            {
                return Visible(prefix + path, order, from);
            }
            if (current.Length == 0)
            {
                return null;
            }
            var last = current.LastIndexOf('.');
            current = last < 0 ? "" : current.Substring(0, last);
        }
    }

    private SliceSymbol? Visible(string fullName, int order, SchemaFile from) =>
        _symbols.TryGetValue(fullName, out var symbol) && IsVisible(symbol, order, from) ? symbol : null;

    /// <summary>Every enumerator named <paramref name="name"/> directly in a module that encloses <paramref name="scope"/> (the deprecated unscoped form).</summary>
    public IEnumerable<SliceDecl> EnumeratorsInScope(string name, string scope, int order, SchemaFile from)
    {
        foreach (var symbol in _symbols.Values)
        {
            var decl = symbol.First;
            if (decl.Kind != SliceKind.Enumerator || decl.Name != name || decl.Order >= order || !Sees(from, decl))
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
