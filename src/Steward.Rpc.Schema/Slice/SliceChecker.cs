using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Slice;

/// <summary>
/// The semantic rules slice2* enforce once names are linked: identifiers, members and their tags,
/// inheritance, operations and parameters, dictionary keys, enumerators, and (through
/// <see cref="SliceConstants"/>) constant and default values.
/// </summary>
internal sealed class SliceChecker
{
    private static readonly string[] ReservedSuffixes = { "Helper", "Holder", "Prx", "Ptr" };

    private readonly SchemaSet _set;
    private readonly List<SliceUnit> _units;
    private readonly SliceLinker _linker;

    public SliceChecker(SchemaSet set, List<SliceUnit> units, SliceLinker linker)
    {
        _set = set;
        _units = units;
        _linker = linker;
    }

    private DiagnosticBag Diagnostics => _set.Diagnostics;

    public void Check()
    {
        var compactIds = new Dictionary<int, MessageDef>();
        foreach (var unit in _units)
        {
            foreach (var (name, location) in unit.Identifiers)
            {
                CheckIdentifier(unit, name, location);
            }
            foreach (var message in unit.File.Messages)
            {
                CheckMessage(message);
                if (message.Kind == MessageKind.Class && unit.DeclOf.TryGetValue(message, out var decl))
                {
                    CheckClassOperations(message, decl);
                }
                if (message.CompactId is int id)
                {
                    if (compactIds.TryGetValue(id, out var other))
                    {
                        Diagnostics.Error(SliceDiagnostics.DuplicateCompactId, $"Invalid compact id for class: already assigned to class `{other.FullName}'.", message.Location);
                    }
                    else
                    {
                        compactIds[id] = message;
                    }
                }
            }
            foreach (var definition in unit.File.Enums)
            {
                CheckEnum(definition);
            }
            foreach (var service in unit.File.Services)
            {
                CheckService(service);
            }
            foreach (var typedef in unit.File.Typedefs)
            {
                if (typedef.Target.Kind == TypeKind.Map && !IsLegalKey(typedef.Target.Key!, 0))
                {
                    Diagnostics.Error(SliceDiagnostics.IllegalDictionaryKey, $"Dictionary `{typedef.Name}' uses an illegal key type.", typedef.Location);
                }
                else if (typedef.Target.Kind == TypeKind.Map && typedef.Target.Key!.Kind == TypeKind.List)
                {
                    Diagnostics.Warning(SliceDiagnostics.Deprecated, "Use of sequences in dictionary keys has been deprecated.", typedef.Location);
                }
            }
        }
        new SliceConstants(_set, _linker).CheckAll(_units);
    }

    private void CheckIdentifier(SliceUnit unit, string name, SourceLocation location)
    {
        foreach (var suffix in ReservedSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                Diagnostics.Error(SliceDiagnostics.ReservedIdentifier, $"Illegal identifier `{name}': `{suffix}' suffix is reserved.", location);
                break;
            }
        }
        if (name.IndexOf('_') >= 0)
        {
            var problem = !unit.AllowUnderscore ? "illegal underscore"
                : name.StartsWith("_", StringComparison.Ordinal) ? "illegal leading underscore"
                : name.EndsWith("_", StringComparison.Ordinal) ? "illegal trailing underscore"
                : name.IndexOf("__", StringComparison.Ordinal) >= 0 ? "illegal double underscore" : null;
            if (problem != null)
            {
                Diagnostics.Error(SliceDiagnostics.ReservedIdentifier, $"{char.ToUpperInvariant(problem[0])}{problem.Substring(1)} in identifier `{name}'.", location);
            }
        }
        // slice2* refuse the prefix only in the files they were given, not in what those include.
        if (unit.IsRoot && !unit.AllowIcePrefix && name.StartsWith("ice", StringComparison.OrdinalIgnoreCase))
        {
            Diagnostics.Error(SliceDiagnostics.ReservedIdentifier, $"Illegal identifier `{name}': `{name.Substring(0, 3)}' prefix is reserved.", location);
        }
    }

    private void CheckMessage(MessageDef message)
    {
        if (message.Kind == MessageKind.Struct && message.Fields.Count == 0)
        {
            Diagnostics.Error(SliceDiagnostics.EmptyDefinition, $"Struct `{message.Name}' must have at least one member.", message.Location);
        }
        var byName = new Dictionary<string, FieldDef>(StringComparer.OrdinalIgnoreCase);
        var tags = new Dictionary<int, FieldDef>();
        foreach (var field in message.Fields)
        {
            if (byName.TryGetValue(field.Name, out var other))
            {
                if (other.Name == field.Name)
                {
                    Diagnostics.Error(SliceDiagnostics.Redefinition, $"Redefinition of data member `{field.Name}'.", field.Location);
                }
                else
                {
                    Diagnostics.Error(SliceDiagnostics.CaseConflict, $"Data member `{field.Name}' differs only in capitalization from data member `{other.Name}'.", field.Location);
                }
            }
            else
            {
                byName[field.Name] = field;
            }
            if (field.IsTagged)
            {
                if (message.Kind == MessageKind.Struct)
                {
                    Diagnostics.Error(SliceDiagnostics.IllegalOptional, "Optional data members not supported in struct.", field.NumberLocation);
                }
                else if (field.Number >= 0 && tags.ContainsKey(field.Number))
                {
                    Diagnostics.Error(SliceDiagnostics.DuplicateTag, $"Tag for optional data member `{field.Name}' is already in use.", field.NumberLocation);
                }
                else
                {
                    tags[field.Number] = field;
                }
            }
            if (message.Kind == MessageKind.Struct && field.Type.Kind == TypeKind.Message && field.Type.Definition == message)
            {
                Diagnostics.Error(SliceDiagnostics.SelfContainingStruct, $"Struct `{message.Name}' cannot contain itself.", field.Location);
            }
        }
        CheckInheritedMembers(message, byName);
    }

    private void CheckInheritedMembers(MessageDef message, Dictionary<string, FieldDef> own)
    {
        var seen = new HashSet<MessageDef> { message };
        for (var ancestor = message.Base; ancestor != null; ancestor = ancestor.Base)
        {
            if (!seen.Add(ancestor))
            {
                Diagnostics.Error(SliceDiagnostics.InheritanceCycle, $"{(message.Kind == MessageKind.Class ? "Class" : "Exception")} `{message.Name}' inherits from itself.", message.Location);
                message.Base = null;
                return;
            }
            foreach (var field in ancestor.Fields)
            {
                if (own.TryGetValue(field.Name, out var mine))
                {
                    var text = mine.Name == field.Name
                        ? $"Data member `{mine.Name}' is already defined as a data member in a base interface, class or exception."
                        : $"Data member `{mine.Name}' differs only in capitalization from data member `{field.Name}', which is defined in a base interface, class or exception.";
                    Diagnostics.Error(SliceDiagnostics.DuplicateMember, text, mine.Location);
                }
            }
        }
    }

    private void CheckEnum(EnumDef definition)
    {
        if (definition.Values.Count == 0)
        {
            Diagnostics.Error(SliceDiagnostics.EmptyDefinition, $"Enum `{definition.Name}' must have at least one enumerator.", definition.Location);
        }
        var numbers = new Dictionary<int, EnumValueDef>();
        foreach (var value in definition.Values)
        {
            if (numbers.TryGetValue(value.Number, out var other))
            {
                Diagnostics.Error(SliceDiagnostics.EnumeratorValue, $"Enumerator `{value.Name}' has the same value as enumerator `{other.Name}'.", value.NumberLocation);
            }
            else
            {
                numbers[value.Number] = value;
            }
        }
    }

    private void CheckService(ServiceDef service)
    {
        var operations = new Dictionary<string, MethodDef>(StringComparer.OrdinalIgnoreCase);
        foreach (var method in service.Methods)
        {
            if (operations.TryGetValue(method.Name, out var other))
            {
                var code = other.Name == method.Name ? SliceDiagnostics.Redefinition : SliceDiagnostics.CaseConflict;
                var text = other.Name == method.Name
                    ? $"Redefinition of operation `{method.Name}'."
                    : $"Operation `{method.Name}' differs only in capitalization from operation `{other.Name}'.";
                Diagnostics.Error(code, text, method.Location);
            }
            else
            {
                operations[method.Name] = method;
            }
            CheckOperation(method);
        }
        CheckAmbiguousBases(service);
        var seen = new HashSet<ServiceDef>();
        var pending = new Stack<ServiceDef>(service.Bases);
        while (pending.Count > 0)
        {
            var ancestor = pending.Pop();
            if (ancestor == service)
            {
                Diagnostics.Error(SliceDiagnostics.InheritanceCycle, $"Interface `{service.Name}' inherits from itself.", service.Location);
                service.Bases.Clear();
                return;
            }
            if (!seen.Add(ancestor))
            {
                continue;
            }
            foreach (var method in ancestor.Methods)
            {
                if (operations.TryGetValue(method.Name, out var mine))
                {
                    Diagnostics.Error(SliceDiagnostics.DuplicateMember, $"Operation `{mine.Name}' is already defined as an operation in a base interface (`{ancestor.FullName}').", mine.Location);
                }
            }
            foreach (var next in ancestor.Bases)
            {
                pending.Push(next);
            }
        }
    }

    /// <summary>Every interface <paramref name="service"/> inherits from, itself included (cycles cut).</summary>
    private static List<ServiceDef> Closure(ServiceDef service)
    {
        var seen = new HashSet<ServiceDef>();
        var order = new List<ServiceDef>();
        var pending = new Stack<ServiceDef>();
        pending.Push(service);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (seen.Add(next))
            {
                order.Add(next);
                foreach (var b in next.Bases)
                {
                    pending.Push(b);
                }
            }
        }
        return order;
    }

    /// <summary>Two bases may share an operation only through a common ancestor that declares it.</summary>
    private void CheckAmbiguousBases(ServiceDef service)
    {
        if (service.Bases.Count < 2)
        {
            return;
        }
        var definers = new Dictionary<string, ServiceDef>(StringComparer.OrdinalIgnoreCase);
        foreach (var ancestor in Closure(service))
        {
            if (ancestor == service)
            {
                continue;
            }
            foreach (var method in ancestor.Methods)
            {
                if (definers.TryGetValue(method.Name, out var other) && other != ancestor)
                {
                    Diagnostics.Error(SliceDiagnostics.DuplicateMember,
                        $"Ambiguous multiple inheritance: `{service.Name}' inherits operation `{method.Name}' from two or more unrelated base interfaces.", service.Location);
                    return;
                }
                definers[method.Name] = ancestor;
            }
        }
    }

    /// <summary>The deprecated operations of a class may not reuse a member name, nor members an inherited operation's.</summary>
    private void CheckClassOperations(MessageDef message, SliceDecl decl)
    {
        var inherited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var inheritedOperations = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<MessageDef>();
        var interfaces = new List<ServiceDef>(decl.ImplementedInterfaces);
        for (var ancestor = message.Base; ancestor != null && seen.Add(ancestor); ancestor = ancestor.Base)
        {
            foreach (var field in ancestor.Fields)
            {
                inherited.Add(field.Name);
            }
            if (DeclOf(ancestor) is { } ancestorDecl)
            {
                foreach (var method in ancestorDecl.ClassOperations)
                {
                    inherited.Add(method.Name);
                    inheritedOperations.Add(method.Name);
                }
                interfaces.AddRange(ancestorDecl.ImplementedInterfaces);
            }
        }
        foreach (var implemented in interfaces)
        {
            foreach (var ancestor in Closure(implemented))
            {
                foreach (var method in ancestor.Methods)
                {
                    inherited.Add(method.Name);
                    inheritedOperations.Add(method.Name);
                }
            }
        }
        var own = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in message.Fields)
        {
            own.Add(field.Name);
            if (inheritedOperations.Contains(field.Name))
            {
                Diagnostics.Error(SliceDiagnostics.DuplicateMember, $"Data member `{field.Name}' is already defined as an operation in a base interface or class.", field.Location);
            }
        }
        foreach (var method in decl.ClassOperations)
        {
            if (inherited.Contains(method.Name) || !own.Add(method.Name))
            {
                Diagnostics.Error(SliceDiagnostics.DuplicateMember, $"Operation `{method.Name}' is already defined as a member of the class or one of its bases.", method.Location);
            }
            CheckOperation(method);
        }
    }

    private SliceDecl? DeclOf(MessageDef message)
    {
        foreach (var unit in _units)
        {
            if (unit.DeclOf.TryGetValue(message, out var decl))
            {
                return decl;
            }
        }
        return null;
    }

    private void CheckOperation(MethodDef method)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tags = new HashSet<int>();
        if (method.ReturnValue is { IsTagged: true } returned)
        {
            tags.Add(returned.Number);
        }
        var seenOut = false;
        foreach (var parameter in method.Parameters)
        {
            if (!names.Add(parameter.Name))
            {
                Diagnostics.Error(SliceDiagnostics.DuplicateParameter, $"Redefinition of parameter `{parameter.Name}'.", parameter.Location);
            }
            if (parameter.IsOut)
            {
                seenOut = true;
            }
            else if (seenOut)
            {
                Diagnostics.Error(SliceDiagnostics.OutBeforeIn, $"`{parameter.Name}': in parameters cannot follow out parameters.", parameter.Location);
            }
            if (parameter.IsTagged && parameter.Number >= 0 && !tags.Add(parameter.Number))
            {
                Diagnostics.Error(SliceDiagnostics.DuplicateTag, $"Tag for optional parameter `{parameter.Name}' is already in use.", parameter.NumberLocation);
            }
        }
        var thrown = new HashSet<TypeDef>();
        foreach (var exception in method.Throws)
        {
            if (exception.Type.Definition != null && !thrown.Add(exception.Type.Definition))
            {
                Diagnostics.Error(SliceDiagnostics.DuplicateThrows, $"Operation `{method.Name}' has a throws clause with a duplicate exception: `{exception.Type.Definition.Name}'.", exception.Location);
            }
        }
    }

    /// <summary>Integral types, strings, enums, structs of legal keys, and (deprecated) sequences of them.</summary>
    private static bool IsLegalKey(TypeRef type, int depth)
    {
        if (depth > 64)
        {
            return false;
        }
        switch (type.Kind)
        {
            case TypeKind.Scalar:
                return type.Scalar is ScalarType.Bool or ScalarType.Byte or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64 or ScalarType.String;
            case TypeKind.Enum:
                return true;
            case TypeKind.List:
                return IsLegalKey(type.Element!, depth + 1);
            case TypeKind.Message when type.Definition is MessageDef { Kind: MessageKind.Struct } message:
                foreach (var field in message.Fields)
                {
                    if (!IsLegalKey(field.Type, depth + 1))
                    {
                        return false;
                    }
                }
                return true;
            case TypeKind.Unresolved:
                // Already reported as undefined.
                return true;
            default:
                return false;
        }
    }
}
