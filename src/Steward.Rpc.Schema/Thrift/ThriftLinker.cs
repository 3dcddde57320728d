using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Thrift;

/// <summary>
/// Registers every definition under <c>program.Name</c> and resolves names the way the Thrift
/// compiler does: a bare name is looked up in its own file, <c>inc.Name</c> in the directly included
/// file whose program name is <c>inc</c>. Typedefs resolve through to their targets; constants and
/// defaults are checked against their types (<see cref="ThriftConstants"/>).
/// </summary>
internal sealed class ThriftLinker
{
    private readonly SchemaSet _set;
    private readonly List<SchemaFile> _files;
    private readonly Dictionary<TypedefDef, int> _typedefState = new();
    private readonly Dictionary<TypedefDef, SchemaFile> _typedefFile = new();
    private readonly HashSet<SchemaFile> _duplicatePrograms = new();

    public ThriftLinker(SchemaSet set, List<SchemaFile> files)
    {
        _set = set;
        _files = files;
    }

    public Dictionary<string, ConstantDef> Constants { get; } = new(StringComparer.Ordinal);
    public Dictionary<ConstantDef, SchemaFile> ConstantFiles { get; } = new();

    private DiagnosticBag Diagnostics => _set.Diagnostics;

    public void Link()
    {
        var programs = new Dictionary<string, SchemaFile>(StringComparer.Ordinal);
        foreach (var file in _files)
        {
            if (programs.TryGetValue(file.Package, out var first))
            {
                // References are by program name, so a second file with the same base name cannot be told apart.
                Diagnostics.Error(ThriftDiagnostics.DuplicateInclude,
                    $"Both \"{first.Path}\" and \"{file.Path}\" have the program name \"{file.Package}\"; rename one of them.", new SourceLocation(file.Path, 1, 1));
                _duplicatePrograms.Add(file);
                continue;
            }
            programs[file.Package] = file;
        }
        foreach (var file in _files)
        {
            Register(file);
        }
        foreach (var file in _files)
        {
            foreach (var typedef in file.Typedefs)
            {
                ResolveTypedef(typedef);
            }
        }
        foreach (var file in _files)
        {
            foreach (var message in file.Messages)
            {
                foreach (var field in message.Fields)
                {
                    ResolveField(field, file);
                }
            }
            foreach (var constant in file.Constants)
            {
                // The Thrift compiler reads constants in one pass: their types must be declared above them.
                ResolveType(constant.Type, file, 0, constant.Location);
            }
            foreach (var service in file.Services)
            {
                LinkService(service, file);
            }
        }
        BreakExtendsCycles();
        new ThriftConstants(_set, this).CheckAll(_files);
    }

    private void Register(SchemaFile file)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        bool Claim(string name, SourceLocation location)
        {
            if (!names.Add(name))
            {
                Diagnostics.Error(ThriftDiagnostics.DuplicateDefinition, $"Type \"{name}\" is already defined in {file.Path}.", location);
                return false;
            }
            return true;
        }
        void AddType(TypeDef type)
        {
            // A clash with another file (another IDL's package of the same name) is reported; one inside the file already was.
            if (Claim(type.Name, type.Location) && !_set.TryAddType(type) && !_duplicatePrograms.Contains(file))
            {
                Diagnostics.Error(ThriftDiagnostics.DuplicateDefinition, $"Type \"{type.FullName}\" is already defined in another file.", type.Location);
            }
        }
        foreach (var message in file.Messages)
        {
            AddType(message);
        }
        foreach (var e in file.Enums)
        {
            AddType(e);
        }
        foreach (var typedef in file.Typedefs)
        {
            AddType(typedef);
            _typedefFile[typedef] = file;
        }
        foreach (var service in file.Services)
        {
            // Services share the type namespace in the Thrift compiler.
            Claim(service.Name, service.Location);
            _set.TryAddService(service);
        }
        foreach (var constant in file.Constants)
        {
            if (Constants.ContainsKey(constant.FullName))
            {
                Diagnostics.Error(ThriftDiagnostics.DuplicateDefinition, $"Constant \"{constant.Name}\" is already defined in {file.Path}.", constant.Location);
                continue;
            }
            Constants[constant.FullName] = constant;
            ConstantFiles[constant] = file;
        }
    }

    /// <summary>The full name <paramref name="name"/> means inside <paramref name="file"/>, or null when its program prefix is not included.</summary>
    public static string? Qualify(string name, SchemaFile file)
    {
        var dot = name.IndexOf('.');
        if (dot < 0)
        {
            return file.Package + "." + name;
        }
        var program = name.Substring(0, dot);
        if (program == file.Package)
        {
            return name;
        }
        foreach (var include in file.Imports)
        {
            if (include.File != null && include.File.Package == program)
            {
                return name;
            }
        }
        return null;
    }

    private void ResolveTypedef(TypedefDef typedef)
    {
        _typedefState.TryGetValue(typedef, out var state);
        if (state == 2)
        {
            return;
        }
        if (state == 1)
        {
            Diagnostics.Error(ThriftDiagnostics.TypedefCycle, $"Typedef \"{typedef.Name}\" refers to itself.", typedef.Location);
            _typedefState[typedef] = 2;
            return;
        }
        _typedefState[typedef] = 1;
        ResolveType(typedef.Target, _typedefFile[typedef]);
        _typedefState[typedef] = 2;
    }

    /// <summary>True when <paramref name="a"/> comes after <paramref name="b"/> in the same file.</summary>
    public static bool IsAfter(SourceLocation a, SourceLocation b) =>
        a.File == b.File && (a.Line > b.Line || (a.Line == b.Line && a.Column > b.Column));

    public void ResolveType(TypeRef type, SchemaFile file, int depth = 0, SourceLocation? usedBy = null)
    {
        if (depth > ThriftParser.MaxNesting + 1)
        {
            return;
        }
        switch (type.Kind)
        {
            case TypeKind.Map:
                ResolveType(type.Key!, file, depth + 1, usedBy);
                ResolveType(type.Element!, file, depth + 1, usedBy);
                return;
            case TypeKind.List:
            case TypeKind.Set:
                ResolveType(type.Element!, file, depth + 1, usedBy);
                return;
            case TypeKind.Unresolved:
                break;
            default:
                return;
        }
        var written = type.Name ?? "";
        var full = Qualify(written, file);
        var definition = full == null ? null : _set.FindType(full);
        if (definition == null)
        {
            if (full != null && _set.Services.ContainsKey(full))
            {
                Diagnostics.Error(ThriftDiagnostics.NotAType, $"\"{written}\" is a service, not a type.", type.Location);
            }
            else
            {
                var hint = full == null ? $" (no included file has the program name \"{written.Substring(0, written.IndexOf('.'))}\")" : "";
                Diagnostics.Error(ThriftDiagnostics.UnknownType, $"Type \"{written}\" not defined{hint}.", type.Location);
            }
            return;
        }
        if (usedBy.HasValue && IsAfter(definition.Location, usedBy.Value))
        {
            Diagnostics.Error(ThriftDiagnostics.UnknownType,
                $"Type \"{written}\" not defined at this point (the type of a constant, a default value or a thrown exception must be declared above it).", type.Location);
            return;
        }
        if (definition is TypedefDef typedef)
        {
            ResolveTypedef(typedef);
            if (typedef.Target.Kind == TypeKind.Unresolved)
            {
                // Already reported at the typedef.
                return;
            }
        }
        type.Resolve(definition);
    }

    /// <summary>A field with a default value is checked as it is read, so its type must be declared above it.</summary>
    private void ResolveField(FieldDef field, SchemaFile file) =>
        ResolveType(field.Type, file, 0, field.DefaultValue != null ? field.Location : null);

    private void LinkService(ServiceDef service, SchemaFile file)
    {
        foreach (var method in service.Methods)
        {
            if (method.OutputType != TypeRef.Void)
            {
                ResolveType(method.OutputType, file);
            }
            foreach (var parameter in method.Parameters)
            {
                ResolveField(parameter, file);
            }
            foreach (var thrown in method.Throws)
            {
                // The Thrift compiler checks a throws clause as it reads it, so the exception must be declared above.
                ResolveType(thrown.Type, file, 0, method.Location);
            }
        }
        if (service.ExtendsName == null)
        {
            return;
        }
        var full = Qualify(service.ExtendsName, file);
        if (full != null && _set.Services.TryGetValue(full, out var baseService))
        {
            if (IsAfter(baseService.Location, service.Location))
            {
                Diagnostics.Error(ThriftDiagnostics.ExtendsNotService,
                    $"Service \"{service.ExtendsName}\" has not been defined at this point (a base service must be declared above).", service.Location);
                return;
            }
            service.Extends = baseService;
            return;
        }
        Diagnostics.Error(ThriftDiagnostics.ExtendsNotService, $"Service \"{service.ExtendsName}\" has not been defined.", service.Location);
    }

    private void BreakExtendsCycles()
    {
        foreach (var file in _files)
        {
            foreach (var service in file.Services)
            {
                var seen = new HashSet<ServiceDef> { service };
                for (var current = service; current.Extends != null; current = current.Extends)
                {
                    if (!seen.Add(current.Extends))
                    {
                        Diagnostics.Error(ThriftDiagnostics.ExtendsCycle, $"The extends chain of service \"{service.Name}\" loops back at \"{current.Extends.Name}\".", service.Location);
                        current.Extends = null;
                        break;
                    }
                }
            }
        }
    }
}
