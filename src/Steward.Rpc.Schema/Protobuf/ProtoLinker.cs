using System.Collections.Generic;

namespace Steward.Rpc.Schema.Protobuf;

/// <summary>
/// Gives every definition its full name, builds the symbol table (reporting clashes), and binds
/// each type reference the way protoc does: innermost scope outward, a leading dot meaning fully
/// qualified, and only names from the file itself, its imports and their public imports visible.
/// </summary>
internal sealed class ProtoLinker
{
    internal enum SymbolKind
    {
        Package,
        Message,
        Enum,
        EnumValue,
        Service,
        Method,
        Field,
        Oneof,
        Extension,
    }

    internal sealed class Symbol
    {
        public Symbol(SymbolKind kind, string fullName, SchemaFile file, object? definition, SourceLocation location)
        {
            Kind = kind;
            FullName = fullName;
            File = file;
            Definition = definition;
            Location = location;
        }

        public SymbolKind Kind { get; }
        public string FullName { get; }
        public SchemaFile File { get; }
        public object? Definition { get; }
        public SourceLocation Location { get; }
        public bool IsType => Kind == SymbolKind.Message || Kind == SymbolKind.Enum;
        public bool IsAggregate => Kind == SymbolKind.Message || Kind == SymbolKind.Enum || Kind == SymbolKind.Package || Kind == SymbolKind.Service;
    }

    private readonly SchemaSet _set;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, Symbol> _symbols = new();
    private HashSet<SchemaFile> _visible = new();
    private SchemaFile? _current;

    public ProtoLinker(SchemaSet set, IReadOnlyList<SchemaFile> files)
    {
        _set = set;
        _diagnostics = set.Diagnostics;
        Files = files;
    }

    /// <summary>The .proto files of this run (a set may also hold other IDLs' files, which proto scoping does not see).</summary>
    public IReadOnlyList<SchemaFile> Files { get; }

    public void Link()
    {
        foreach (var file in Files)
        {
            Register(file);
        }
        foreach (var file in Files)
        {
            _current = file;
            _visible = VisibleFiles(file);
            ResolveFile(file);
        }
    }

    private static string Join(string scope, string name) => scope.Length == 0 ? name : scope + "." + name;

    // ---- symbol table -------------------------------------------------------------------

    private void Register(SchemaFile file)
    {
        if (file.Package.Length > 0)
        {
            var parts = file.Package.Split('.');
            var name = "";
            foreach (var part in parts)
            {
                name = Join(name, part);
                if (_symbols.TryGetValue(name, out var existing))
                {
                    if (existing.Kind != SymbolKind.Package)
                    {
                        Clash(name, existing, new SourceLocation(file.Path, 1, 1), SymbolKind.Package);
                    }
                    continue;
                }
                _symbols[name] = new Symbol(SymbolKind.Package, name, file, null, SourceLocation.None);
            }
        }
        foreach (var message in file.Messages)
        {
            RegisterMessage(file, message, file.Package);
        }
        foreach (var definition in file.Enums)
        {
            RegisterEnum(file, definition, file.Package);
        }
        foreach (var service in file.Services)
        {
            service.File = file;
            service.FullName = Join(file.Package, service.Name);
            if (Add(new Symbol(SymbolKind.Service, service.FullName, file, service, service.Location)))
            {
                _set.TryAddService(service);
            }
            foreach (var method in service.Methods)
            {
                method.Service = service;
                method.FullName = Join(service.FullName, method.Name);
                Add(new Symbol(SymbolKind.Method, method.FullName, file, method, method.Location));
            }
        }
        RegisterExtends(file, file.Extends, file.Package);
    }

    private void RegisterMessage(SchemaFile file, MessageDef message, string scope)
    {
        message.File = file;
        message.FullName = Join(scope, message.Name);
        if (Add(new Symbol(SymbolKind.Message, message.FullName, file, message, message.Location)))
        {
            _set.TryAddType(message);
        }
        foreach (var field in message.Fields)
        {
            field.Owner = message;
            field.FullName = Join(message.FullName, field.Name);
            Add(new Symbol(SymbolKind.Field, field.FullName, file, field, field.Location));
        }
        foreach (var oneof in message.Oneofs)
        {
            oneof.Owner = message;
            oneof.FullName = Join(message.FullName, oneof.Name);
            Add(new Symbol(SymbolKind.Oneof, oneof.FullName, file, oneof, oneof.Location));
        }
        foreach (var nested in message.NestedMessages)
        {
            nested.Parent = message;
            RegisterMessage(file, nested, message.FullName);
        }
        foreach (var nested in message.NestedEnums)
        {
            nested.Parent = message;
            RegisterEnum(file, nested, message.FullName);
        }
        RegisterExtends(file, message.Extends, message.FullName);
    }

    private void RegisterEnum(SchemaFile file, EnumDef definition, string scope)
    {
        definition.File = file;
        definition.FullName = Join(scope, definition.Name);
        if (Add(new Symbol(SymbolKind.Enum, definition.FullName, file, definition, definition.Location)))
        {
            _set.TryAddType(definition);
        }
        foreach (var value in definition.Values)
        {
            value.Owner = definition;
            // C++ scoping: values are siblings of their enum.
            value.FullName = Join(scope, value.Name);
            Add(new Symbol(SymbolKind.EnumValue, value.FullName, file, value, value.Location));
        }
    }

    private void RegisterExtends(SchemaFile file, List<ExtendDef> extends, string scope)
    {
        foreach (var extend in extends)
        {
            extend.File = file;
            foreach (var field in extend.Fields)
            {
                field.FullName = Join(scope, field.Name);
                Add(new Symbol(SymbolKind.Extension, field.FullName, file, field, field.Location));
            }
        }
    }

    private bool Add(Symbol symbol)
    {
        if (_symbols.TryGetValue(symbol.FullName, out var existing))
        {
            Clash(symbol.FullName, existing, symbol.Location, symbol.Kind);
            return false;
        }
        _symbols[symbol.FullName] = symbol;
        return true;
    }

    private void Clash(string fullName, Symbol existing, SourceLocation at, SymbolKind kind)
    {
        var dot = fullName.LastIndexOf('.');
        var shortName = dot < 0 ? fullName : fullName.Substring(dot + 1);
        var scope = dot < 0 ? "" : fullName.Substring(0, dot);
        if (kind == SymbolKind.Field && existing.Kind == SymbolKind.Field)
        {
            _diagnostics.Error(ProtoDiagnostics.DuplicateFieldName, $"Field name \"{shortName}\" is already used in \"{scope}\".", at);
        }
        else if (kind == SymbolKind.Method && existing.Kind == SymbolKind.Method)
        {
            _diagnostics.Error(ProtoDiagnostics.DuplicateMethod, $"Method \"{shortName}\" is already defined in service \"{scope}\".", at);
        }
        else if (kind == SymbolKind.EnumValue || existing.Kind == SymbolKind.EnumValue)
        {
            var where = scope.Length == 0 ? "the global scope" : $"\"{scope}\"";
            _diagnostics.Error(ProtoDiagnostics.EnumValueScopeClash,
                $"\"{shortName}\" is already defined in {where}. Enum values use C++ scoping rules: they are siblings of their enum type, " +
                $"not children of it, so \"{shortName}\" must be unique within {where}, not just within its enum.", at);
        }
        else
        {
            var other = existing.File.Path;
            _diagnostics.Error(ProtoDiagnostics.DuplicateSymbol,
                existing.Kind == SymbolKind.Package
                    ? $"\"{fullName}\" is already defined (as a package) in file \"{other}\"."
                    : $"\"{fullName}\" is already defined in file \"{other}\".",
                at);
        }
    }

    // ---- resolution ---------------------------------------------------------------------

    /// <summary>A file sees itself, what it imports, and whatever those files import publicly (transitively).</summary>
    private static HashSet<SchemaFile> VisibleFiles(SchemaFile file)
    {
        var visible = new HashSet<SchemaFile> { file };
        var pending = new Stack<SchemaFile>();
        foreach (var import in file.Imports)
        {
            if (import.File != null && visible.Add(import.File))
            {
                pending.Push(import.File);
            }
        }
        while (pending.Count > 0)
        {
            foreach (var import in pending.Pop().Imports)
            {
                if (import.IsPublic && import.File != null && visible.Add(import.File))
                {
                    pending.Push(import.File);
                }
            }
        }
        return visible;
    }

    private void ResolveFile(SchemaFile file)
    {
        foreach (var message in file.AllMessages())
        {
            foreach (var field in message.Fields)
            {
                ResolveType(field.Type, message.FullName);
            }
            foreach (var extend in message.Extends)
            {
                ResolveExtend(extend, message.FullName);
            }
        }
        foreach (var extend in file.Extends)
        {
            ResolveExtend(extend, file.Package);
        }
        foreach (var service in file.Services)
        {
            foreach (var method in service.Methods)
            {
                ResolveType(method.InputType, service.FullName);
                ResolveType(method.OutputType, service.FullName);
            }
        }
    }

    private void ResolveExtend(ExtendDef extend, string scope)
    {
        ResolveType(extend.Extendee, scope);
        foreach (var field in extend.Fields)
        {
            ResolveType(field.Type, scope);
        }
    }

    private void ResolveType(TypeRef type, string scope)
    {
        if (type.Kind == TypeKind.Map)
        {
            ResolveType(type.Key!, scope);
            ResolveType(type.Element!, scope);
            return;
        }
        if (type.Kind != TypeKind.Unresolved || type.Name == null)
        {
            return;
        }
        var symbol = Lookup(type.Name, scope, out var notImported, out var misresolved);
        if (symbol == null)
        {
            if (notImported != null)
            {
                _diagnostics.Error(ProtoDiagnostics.TypeNotImported,
                    $"\"{notImported.FullName}\" seems to be defined in \"{notImported.File.Path}\", which is not imported by \"{_current!.Path}\". " +
                    "To use it here, please add the necessary import.", type.Location);
            }
            else if (misresolved != null)
            {
                _diagnostics.Error(ProtoDiagnostics.UnknownType,
                    $"\"{type.Name}\" is resolved to \"{misresolved}\", which is not defined. The innermost scope is searched first in name resolution; " +
                    $"consider using a leading '.' (\".{type.Name}\") to start from the outermost scope.", type.Location);
            }
            else
            {
                _diagnostics.Error(ProtoDiagnostics.UnknownType, $"\"{type.Name}\" is not defined.", type.Location);
            }
            return;
        }
        if (!symbol.IsType)
        {
            _diagnostics.Error(ProtoDiagnostics.NotAType, $"\"{type.Name}\" is not a type (it names {Describe(symbol.Kind)} \"{symbol.FullName}\").", type.Location);
            return;
        }
        type.Resolve((TypeDef)symbol.Definition!);
    }

    private static string Describe(SymbolKind kind) => kind switch
    {
        SymbolKind.Package => "the package",
        SymbolKind.EnumValue => "the enum value",
        SymbolKind.Service => "the service",
        SymbolKind.Method => "the method",
        SymbolKind.Field => "the field",
        SymbolKind.Oneof => "the oneof",
        SymbolKind.Extension => "the extension",
        _ => "the definition",
    };

    private Symbol? FindVisible(string fullName, ref Symbol? notImported)
    {
        if (!_symbols.TryGetValue(fullName, out var symbol))
        {
            return null;
        }
        if (symbol.Kind == SymbolKind.Package || _visible.Contains(symbol.File))
        {
            return symbol;
        }
        notImported ??= symbol;
        return null;
    }

    /// <summary>
    /// Finds the extension a custom option name such as <c>(my.ext)</c> refers to, as seen from
    /// <paramref name="file"/> at <paramref name="scope"/>.
    /// </summary>
    internal FieldDef? LookupExtension(SchemaFile file, string name, string scope, out Symbol? found, out Symbol? notImported)
    {
        if (!ReferenceEquals(_current, file))
        {
            _current = file;
            _visible = VisibleFiles(file);
        }
        found = Lookup(name, scope, out notImported, out _, s => s.Kind == SymbolKind.Extension);
        return found?.Definition as FieldDef;
    }

    private Symbol? Lookup(string name, string scope, out Symbol? notImported, out string? misresolved) =>
        Lookup(name, scope, out notImported, out misresolved, s => s.IsType);

    /// <summary>protoc's LookupSymbol: see the class comment. <paramref name="wanted"/> decides which single-component hits end the search.</summary>
    private Symbol? Lookup(string name, string scope, out Symbol? notImported, out string? misresolved, System.Func<Symbol, bool> wanted)
    {
        notImported = null;
        misresolved = null;
        if (name.StartsWith(".", System.StringComparison.Ordinal))
        {
            return FindVisible(name.Substring(1), ref notImported);
        }
        var dot = name.IndexOf('.');
        var first = dot < 0 ? name : name.Substring(0, dot);
        var scopeToTry = scope;
        while (true)
        {
            var candidate = Join(scopeToTry, first);
            var found = FindVisible(candidate, ref notImported);
            if (found != null)
            {
                if (dot >= 0)
                {
                    if (found.IsAggregate)
                    {
                        var whole = Join(scopeToTry, name);
                        var result = FindVisible(whole, ref notImported);
                        if (result == null && notImported == null)
                        {
                            misresolved = whole;
                        }
                        return result;
                    }
                }
                else if (wanted(found))
                {
                    return found;
                }
            }
            if (scopeToTry.Length == 0)
            {
                return null;
            }
            var cut = scopeToTry.LastIndexOf('.');
            scopeToTry = cut < 0 ? "" : scopeToTry.Substring(0, cut);
        }
    }
}
