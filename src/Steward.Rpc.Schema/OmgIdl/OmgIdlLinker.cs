using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.OmgIdl;

/// <summary>What an IDL name designates.</summary>
internal enum OmgIdlKind
{
    Module,
    Interface,
    Struct,
    Union,
    Exception,
    Enum,
    Enumerator,
    Typedef,
    Const,
    Operation,
    Attribute,
    Member,
    /// <summary>A pseudo-type omniidl declares itself (<c>CORBA::TypeCode</c>, <c>CORBA::Principal</c>).</summary>
    Native,
}

/// <summary>One named IDL definition: where it is declared, the scope it opens, and the model element it became.</summary>
internal sealed class OmgIdlSymbol
{
    public OmgIdlSymbol(OmgIdlKind kind, string name, OmgIdlScope container, SourceLocation location)
    {
        Kind = kind;
        Name = name;
        Container = container;
        Location = location;
    }

    public OmgIdlKind Kind { get; }
    public string Name { get; }
    public OmgIdlScope Container { get; }
    public SourceLocation Location { get; set; }
    /// <summary>The scope a module, interface, struct, union or exception opens.</summary>
    public OmgIdlScope? Inner { get; set; }
    /// <summary>The ServiceDef, MessageDef, EnumDef, TypedefDef, ConstantDef or EnumValueDef; null for modules and members.</summary>
    public SchemaElement? Element { get; set; }
    /// <summary>The type of a typedef (its target) or a constant.</summary>
    public TypeRef? Type { get; set; }
    /// <summary>The value of a constant or an enumerator.</summary>
    public OmgIdlValue? Value { get; set; }
    /// <summary>False for an interface, struct or union declared forward and not (yet) defined, or whose definition is being read.</summary>
    public bool Defined { get; set; }
    /// <summary>True while the body of a struct, union or exception is being read.</summary>
    public bool InProgress { get; set; }
    public bool IsLocal { get; set; }
    public bool IsAbstract { get; set; }
    public string RepositoryId { get; set; } = "";
    /// <summary>Set by <c>#pragma ID</c> or <c>typeid</c>: a later <c>#pragma version</c> or prefix does not change it.</summary>
    public bool RepositoryIdFixed { get; set; }
    /// <summary>Set by <c>#pragma version</c>.</summary>
    public bool VersionFixed { get; set; }
    /// <summary>A <c>typeprefix</c> for the scope's contents.</summary>
    public string? TypePrefix { get; set; }

    public string FullName => Container.FullName.Length == 0 ? Name : Container.FullName + "." + Name;
    public string ScopedName => "::" + FullName.Replace(".", "::");

    public string KindName => Kind switch
    {
        OmgIdlKind.Module => "module",
        OmgIdlKind.Interface => "interface",
        OmgIdlKind.Struct => "struct",
        OmgIdlKind.Union => "union",
        OmgIdlKind.Exception => "exception",
        OmgIdlKind.Enum => "enum",
        OmgIdlKind.Enumerator => "enumerator",
        OmgIdlKind.Typedef => "typedef",
        OmgIdlKind.Const => "constant",
        OmgIdlKind.Operation => "operation",
        OmgIdlKind.Attribute => "attribute",
        OmgIdlKind.Native => "native",
        _ => "member",
    };
}

/// <summary>A naming scope: the file level, a module, an interface (which also sees its bases), a struct, union or exception.</summary>
internal sealed class OmgIdlScope
{
    public OmgIdlScope(OmgIdlScope? parent, string fullName, OmgIdlSymbol? owner)
    {
        Parent = parent;
        FullName = fullName;
        Owner = owner;
    }

    public OmgIdlScope? Parent { get; }
    /// <summary>Dotted: <c>Test.Operations</c>; empty at file level.</summary>
    public string FullName { get; }
    public OmgIdlSymbol? Owner { get; }
    public Dictionary<string, OmgIdlSymbol> Symbols { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, OmgIdlSymbol> ByLowerName { get; } = new(StringComparer.Ordinal);
    /// <summary>Names used in this scope (by their first component, in lower case), as omniidl tracks them: declaring one later clashes.</summary>
    public Dictionary<string, (string Text, OmgIdlSymbol Symbol, SourceLocation Location)> Used { get; } = new(StringComparer.Ordinal);
    /// <summary>An interface's direct bases' scopes.</summary>
    public List<OmgIdlScope> Bases { get; } = new();
}

/// <summary>
/// The symbol table and IDL's name resolution: a name is looked up in the current scope (and, in an
/// interface, its bases), then outwards; <c>A::B</c> looks B up in A only; <c>::A</c> starts at file
/// level. Names that differ only in case collide, as the spec says.
/// </summary>
internal sealed class OmgIdlLinker
{
    private readonly DiagnosticBag _diagnostics;

    public OmgIdlLinker(DiagnosticBag diagnostics)
    {
        _diagnostics = diagnostics;
        // omniidl declares these before any file: CORBA::TypeCode and CORBA::Principal are natives of a module CORBA.
        var corba = new OmgIdlSymbol(OmgIdlKind.Module, "CORBA", Global, new SourceLocation("<built in>", 0, 0)) { Defined = true };
        Global.Symbols[corba.Name] = corba;
        Global.ByLowerName["corba"] = corba;
        corba.Inner = new OmgIdlScope(Global, "CORBA", corba);
        foreach (var name in new[] { "TypeCode", "Principal" })
        {
            var native = new OmgIdlSymbol(OmgIdlKind.Native, name, corba.Inner, corba.Location) { Defined = true };
            corba.Inner.Symbols[name] = native;
            corba.Inner.ByLowerName[name.ToLowerInvariant()] = native;
        }
    }

    public OmgIdlScope Global { get; } = new(null, "", null);

    /// <summary>
    /// Declares <paramref name="name"/> in <paramref name="scope"/>. A module reopens; an interface,
    /// struct or union may be declared forward any number of times and defined once. Returns the
    /// symbol (the existing one when it reopens or completes), or null after reporting a clash.
    /// <paramref name="replay"/>: the file was read before (another root includes it), so a symbol
    /// declared at the same place is the same one.
    /// </summary>
    public OmgIdlSymbol? Declare(OmgIdlScope scope, OmgIdlKind kind, string name, SourceLocation location, bool forward, bool replay)
    {
        if (scope.Symbols.TryGetValue(name, out var existing))
        {
            if (replay && existing.Location == location)
            {
                return existing;
            }
            if (existing.Kind == kind && kind == OmgIdlKind.Module)
            {
                return existing;
            }
            var forwardable = kind == OmgIdlKind.Interface || kind == OmgIdlKind.Struct || kind == OmgIdlKind.Union;
            if (existing.Kind == kind && forwardable && (forward || !existing.Defined) && !existing.InProgress)
            {
                return existing;
            }
            _diagnostics.Error(OmgIdlDiagnostics.Redefinition,
                $"Declaration of {KindOf(kind)} '{name}' clashes with earlier declaration of {existing.KindName} '{existing.Name}' at {existing.Location}.", location);
            return null;
        }
        var lower = name.ToLowerInvariant();
        if (scope.ByLowerName.TryGetValue(lower, out var other))
        {
            _diagnostics.Error(OmgIdlDiagnostics.CaseConflict,
                $"Declaration of {KindOf(kind)} '{name}' clashes with {other.KindName} '{other.Name}' at {other.Location}: IDL identifiers that differ only in case collide.", location);
            return null;
        }
        var symbol = new OmgIdlSymbol(kind, name, scope, location) { Defined = !forward };
        scope.Symbols[name] = symbol;
        scope.ByLowerName[lower] = symbol;
        return symbol;
    }

    public static string KindOf(OmgIdlKind kind) => new OmgIdlSymbol(kind, "", new OmgIdlScope(null, "", null), SourceLocation.None).KindName;

    /// <summary>Resolves a scoped name as written (<c>A::B</c>, <c>::A::B</c>) from <paramref name="scope"/>; reports and returns null when it names nothing.</summary>
    public OmgIdlSymbol? Resolve(OmgIdlScope scope, string scopedName, SourceLocation location)
    {
        var parts = scopedName.Split(new[] { "::" }, StringSplitOptions.None);
        OmgIdlSymbol? symbol = null;
        var first = 0;
        if (parts[0].Length == 0)
        {
            first = 1;
            symbol = LookIn(Global, parts[1], location, new HashSet<OmgIdlScope>());
        }
        else
        {
            for (var s = scope; s != null && symbol == null; s = s.Parent)
            {
                symbol = LookIn(s, parts[0], location, new HashSet<OmgIdlScope>());
            }
        }
        for (var i = first + 1; i < parts.Length && symbol != null; i++)
        {
            if (symbol.Inner == null)
            {
                _diagnostics.Error(OmgIdlDiagnostics.UndefinedName, $"'{string.Join("::", parts, 0, i)}' is a {symbol.KindName}: it has no member '{parts[i]}'.", location);
                return null;
            }
            var inner = LookIn(symbol.Inner, parts[i], location, new HashSet<OmgIdlScope>());
            if (inner == null)
            {
                _diagnostics.Error(OmgIdlDiagnostics.UndefinedName, $"'{parts[i]}' is not defined in '{string.Join("::", parts, 0, i)}'.", location);
                return null;
            }
            symbol = inner;
        }
        if (symbol == null)
        {
            _diagnostics.Error(OmgIdlDiagnostics.UndefinedName, $"'{scopedName}' is not defined.", location);
        }
        return symbol;
    }

    private OmgIdlSymbol? LookIn(OmgIdlScope scope, string name, SourceLocation location, HashSet<OmgIdlScope> visited)
    {
        if (!visited.Add(scope))
        {
            return null;
        }
        if (scope.Symbols.TryGetValue(name, out var symbol))
        {
            return symbol;
        }
        if (scope.ByLowerName.TryGetValue(name.ToLowerInvariant(), out var other))
        {
            _diagnostics.Error(OmgIdlDiagnostics.CaseConflict, $"'{name}' differs only in case from {other.KindName} '{other.Name}' declared at {other.Location}.", location);
            return other;
        }
        foreach (var baseScope in scope.Bases)
        {
            var inherited = LookIn(baseScope, name, location, visited);
            if (inherited != null)
            {
                return inherited;
            }
        }
        return null;
    }
}
