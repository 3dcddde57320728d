using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.OmgIdl;

internal sealed partial class OmgIdlParser
{
    /// <summary>
    /// An interface (abstract and local ones are accepted and modelled like the others), or its forward
    /// declaration. Bases must be defined interfaces, each named once; an operation or attribute may not
    /// redefine an inherited one, nor may two bases bring different ones of the same name.
    /// </summary>
    private void ParseInterface()
    {
        var isAbstract = Accept("abstract");
        var isLocal = !isAbstract && Accept("local");
        Expect("interface");
        var name = ExpectIdentifier("interface");
        if (Current.Is(";"))
        {
            var forward = Declare(OmgIdlKind.Interface, name, forward: true);
            if (forward != null && forward.Element == null)
            {
                forward.Element = new ServiceDef(name.Text, name.Location) { FullName = forward.FullName, File = File };
                forward.IsAbstract = isAbstract;
                forward.IsLocal = isLocal;
            }
            return;
        }
        var symbol = Declare(OmgIdlKind.Interface, name);
        ServiceDef service;
        if (symbol == null || (Replay && symbol.Defined))
        {
            symbol = new OmgIdlSymbol(OmgIdlKind.Interface, name.Text, _scope, name.Location);
            service = new ServiceDef(name.Text, name.Location) { FullName = symbol.FullName, File = _scratch };
            symbol.Element = service;
        }
        else
        {
            service = symbol.Element as ServiceDef ?? new ServiceDef(name.Text, name.Location);
            service.Location = name.Location;
            service.FullName = symbol.FullName;
            service.File = File;
            symbol.Element = service;
            symbol.Location = name.Location;
            AssignId(symbol);
            if (!Replay)
            {
                if (!_set.TryAddService(service))
                {
                    Error(OmgIdlDiagnostics.Redefinition, $"Interface '{service.FullName}' is defined twice.", name.Location);
                }
                File.Services.Add(service);
            }
        }
        symbol.IsAbstract = isAbstract;
        symbol.IsLocal = isLocal;
        symbol.InProgress = true;
        var bases = ParseBases(symbol, service);
        var saved = Enter(symbol);
        symbol.Inner!.Bases.Clear();
        foreach (var b in bases)
        {
            symbol.Inner.Bases.Add(b.Inner!);
        }
        var inherited = InheritedMembers(name.Text, bases);
        Expect("{", "interface");
        while (!Current.Is("}"))
        {
            if (Current.Kind == OmgIdlTokenKind.End)
            {
                throw Fail($"Syntax error: interface '{name.Text}' is not closed with '}}'.");
            }
            ParseExport(service, inherited);
        }
        Next();
        Leave(saved);
        symbol.InProgress = false;
        symbol.Defined = true;
    }

    private List<OmgIdlSymbol> ParseBases(OmgIdlSymbol symbol, ServiceDef service)
    {
        var bases = new List<OmgIdlSymbol>();
        if (!Accept(":"))
        {
            return bases;
        }
        do
        {
            var (baseName, at) = ExpectScopedName("a base interface name");
            var found = Resolve(baseName, at);
            if (found == null)
            {
                continue;
            }
            if (found.Kind != OmgIdlKind.Interface || found.Element is not ServiceDef baseService)
            {
                Error(OmgIdlDiagnostics.WrongKind, $"'{baseName}' is a {found.KindName}, not an interface: an interface can only inherit from interfaces.", at);
                continue;
            }
            if (found == symbol || found.InProgress)
            {
                Error(OmgIdlDiagnostics.IllegalInheritance, $"Interface '{symbol.Name}' cannot inherit from itself.", at);
                continue;
            }
            if (!found.Defined)
            {
                Error(OmgIdlDiagnostics.IllegalInheritance, $"Inherited interface '{baseName}' must be fully defined (it is only declared forward, at {found.Location}).", at);
                continue;
            }
            if (bases.Contains(found))
            {
                Error(OmgIdlDiagnostics.IllegalInheritance, $"Interface '{symbol.Name}' inherits from '{baseName}' more than once.", at);
                continue;
            }
            if (found.IsLocal && !symbol.IsLocal)
            {
                Error(OmgIdlDiagnostics.IllegalInheritance, $"Interface '{symbol.Name}' is not local, so it cannot inherit from the local interface '{baseName}'.", at);
            }
            if (symbol.IsAbstract && !found.IsAbstract)
            {
                Error(OmgIdlDiagnostics.IllegalInheritance, $"Abstract interface '{symbol.Name}' can only inherit from abstract interfaces, not '{baseName}'.", at);
            }
            bases.Add(found);
            service.BaseNames.Add(baseName);
            service.Bases.Add(baseService);
        }
        while (Accept(","));
        return bases;
    }

    /// <summary>The operations and attributes the bases bring, by lower-case name, reporting two different ones of one name.</summary>
    private Dictionary<string, OmgIdlSymbol> InheritedMembers(string name, List<OmgIdlSymbol> bases)
    {
        var members = new Dictionary<string, OmgIdlSymbol>(StringComparer.Ordinal);
        var visited = new HashSet<OmgIdlSymbol>();
        var pending = new Stack<OmgIdlSymbol>(bases);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!visited.Add(current) || current.Inner == null)
            {
                continue;
            }
            foreach (var member in current.Inner.Symbols.Values)
            {
                if (member.Kind != OmgIdlKind.Operation && member.Kind != OmgIdlKind.Attribute)
                {
                    continue;
                }
                var key = member.Name.ToLowerInvariant();
                if (members.TryGetValue(key, out var other) && other != member)
                {
                    Error(OmgIdlDiagnostics.DuplicateMember,
                        $"In definition of '{name}': clash between inherited identifiers '{other.Name}' (in {other.Container.FullName.Replace(".", "::")}) and '{member.Name}' (in {member.Container.FullName.Replace(".", "::")}).", current.Location);
                    continue;
                }
                members[key] = member;
            }
            foreach (var next in current.Inner.Bases)
            {
                if (next.Owner != null)
                {
                    pending.Push(next.Owner);
                }
            }
        }
        return members;
    }

    private void ParseExport(ServiceDef service, Dictionary<string, OmgIdlSymbol> inherited)
    {
        if (Current.Is("readonly") || Current.Is("attribute"))
        {
            ParseAttribute(service, inherited);
        }
        else if (!TryParseTypeOrConstant(inInterface: true))
        {
            ParseOperation(service, inherited);
        }
        Expect(";", "interface body");
    }

    private void DeclareMember(OmgIdlKind kind, OmgIdlToken name, Dictionary<string, OmgIdlSymbol> inherited)
    {
        if (inherited.TryGetValue(name.Text.ToLowerInvariant(), out var other))
        {
            Error(OmgIdlDiagnostics.DuplicateMember,
                $"{(kind == OmgIdlKind.Operation ? "Operation" : "Attribute")} '{name.Text}' clashes with the inherited {other.KindName} '{other.Name}' of {other.Container.FullName.Replace(".", "::")}.", name.Location);
        }
        Declare(kind, name);
    }

    private void AddMethod(ServiceDef service, MethodDef method)
    {
        method.Service = service;
        method.CallKind = CallKind.Unary;
        method.FullName = service.FullName + "." + method.Name;
        service.Methods.Add(method);
    }

    private void ParseAttribute(ServiceDef service, Dictionary<string, OmgIdlSymbol> inherited)
    {
        var readOnly = Accept("readonly");
        Expect("attribute", "attribute declaration");
        var typeAt = Current.Location;
        var type = ParseTypeSpec(TypeContext.Parameter);
        do
        {
            var name = ExpectIdentifier("attribute");
            DeclareMember(OmgIdlKind.Attribute, name, inherited);
            var getter = new MethodDef("_get_" + name.Text, name.Location)
            {
                Accessor = AttributeAccessor.Get,
                AttributeName = name.Text,
                ReturnValue = new FieldDef("returnValue", -1, type, typeAt) { NumberLocation = typeAt },
            };
            AddMethod(service, getter);
            if (!readOnly)
            {
                var setter = new MethodDef("_set_" + name.Text, name.Location) { Accessor = AttributeAccessor.Set, AttributeName = name.Text };
                setter.Parameters.Add(new FieldDef("value", 0, type, name.Location) { NumberLocation = name.Location });
                AddMethod(service, setter);
            }
        }
        while (Accept(","));
        if (Current.Is("getraises") || Current.Is("setraises") || Current.Is("raises"))
        {
            Diagnostics.Error(OmgIdlDiagnostics.Unsupported, $"'{Current.Text}' on an attribute: Steward does not support exceptions on attributes (omniidl 4.2 does not either); use operations.", Current.Location);
            throw new ParseError();
        }
    }

    private void ParseOperation(ServiceDef service, Dictionary<string, OmgIdlSymbol> inherited)
    {
        var oneway = Accept("oneway");
        var returnAt = Current.Location;
        var returnType = Accept("void") ? null : ParseTypeSpec(TypeContext.Parameter);
        var name = ExpectIdentifier("operation");
        DeclareMember(OmgIdlKind.Operation, name, inherited);
        var method = new MethodDef(name.Text, name.Location) { IsOneway = oneway };
        if (returnType != null)
        {
            method.ReturnValue = new FieldDef("returnValue", -1, returnType, returnAt) { NumberLocation = returnAt };
        }
        var scopeSymbol = new OmgIdlSymbol(OmgIdlKind.Operation, name.Text, _scope, name.Location);
        var savedScope = _scope;
        _scope = new OmgIdlScope(_scope, scopeSymbol.FullName, scopeSymbol);
        try
        {
            Expect("(", "operation");
            if (!Current.Is(")"))
            {
                do
                {
                    method.Parameters.Add(ParseParameter(method.Parameters.Count));
                }
                while (Accept(","));
            }
            Expect(")", "operation");
        }
        finally
        {
            _scope = savedScope;
        }
        if (Current.Is("raises"))
        {
            ParseRaises(method);
        }
        if (Current.Is("context"))
        {
            var at = Next().Location;
            Expect("(", "context clause");
            do
            {
                if (Current.Kind != OmgIdlTokenKind.String)
                {
                    throw Fail($"Syntax error in context clause: expected a string literal, found {Current}.");
                }
                Next();
            }
            while (Accept(","));
            Expect(")", "context clause");
            Diagnostics.Warning(OmgIdlDiagnostics.Ignored, $"The context clause of operation '{name.Text}' is ignored: Steward sends no context.", at);
        }
        if (oneway)
        {
            CheckOneway(method, name);
        }
        AddMethod(service, method);
    }

    private FieldDef ParseParameter(int index)
    {
        var direction = Current;
        if (!direction.Is("in") && !direction.Is("out") && !direction.Is("inout"))
        {
            throw Fail($"Syntax error in operation parameters: expected 'in', 'out' or 'inout', found {direction}.");
        }
        Next();
        var type = ParseTypeSpec(TypeContext.Parameter);
        var name = ExpectIdentifier("parameter");
        Declare(OmgIdlKind.Member, name);
        return new FieldDef(name.Text, index, type, name.Location)
        {
            IsOut = direction.Text == "out",
            IsInOut = direction.Text == "inout",
            NumberLocation = name.Location,
        };
    }

    private void ParseRaises(MethodDef method)
    {
        Next();
        Expect("(", "raises clause");
        do
        {
            var (exceptionName, at) = ExpectScopedName("an exception name");
            var symbol = Resolve(exceptionName, at);
            if (symbol == null)
            {
                continue;
            }
            if (symbol.Kind != OmgIdlKind.Exception || symbol.Element is not MessageDef exception)
            {
                Error(OmgIdlDiagnostics.IllegalRaises, $"'{exceptionName}' is a {symbol.KindName}, not an exception: only exceptions can be raised.", at);
                continue;
            }
            if (method.Throws.Exists(t => t.Type.Definition == exception))
            {
                // omniidl accepts the repetition; the exception is listed once.
                Diagnostics.Warning(OmgIdlDiagnostics.IllegalRaises, $"Exception '{exceptionName}' is named twice in the raises clause of '{method.Name}'.", at);
                continue;
            }
            var type = TypeRef.Named(exceptionName, at);
            type.Resolve(exception);
            method.Throws.Add(new FieldDef(exception.FullName, method.Throws.Count, type, at) { NumberLocation = at });
        }
        while (Accept(","));
        Expect(")", "raises clause");
    }

    private void CheckOneway(MethodDef method, OmgIdlToken name)
    {
        if (method.ReturnValue != null)
        {
            Error(OmgIdlDiagnostics.IllegalOneway, $"Oneway operation '{name.Text}' does not return void.", method.ReturnValue.Location);
        }
        foreach (var parameter in method.Parameters)
        {
            if (parameter.IsOut || parameter.IsInOut)
            {
                Error(OmgIdlDiagnostics.IllegalOneway, $"In oneway operation '{name.Text}': parameter '{parameter.Name}' is not an 'in' parameter.", parameter.Location);
            }
        }
        if (method.Throws.Count > 0)
        {
            Error(OmgIdlDiagnostics.IllegalOneway, $"Oneway operation '{name.Text}' may not have a raises clause.", method.Throws[0].Location);
        }
    }
}
