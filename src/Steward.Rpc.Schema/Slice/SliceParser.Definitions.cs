using System.Collections.Generic;

namespace Steward.Rpc.Schema.Slice;

internal sealed partial class SliceParser
{
    private SliceDecl? ParseClass()
    {
        Next();
        var name = ExpectName("class");
        if (Current.Is(";"))
        {
            Next();
            return Declare(SliceKind.ClassForward, name);
        }
        var decl = Declare(SliceKind.Class, name);
        var message = Define(decl, NewMessage(name, MessageKind.Class));
        if (Accept("("))
        {
            var idToken = Current;
            var negative = Accept("-");
            if (Current.Kind != SliceTokenKind.Integer)
            {
                throw Fail($"Syntax error: expected a compact id, found {Current}.");
            }
            var id = Next().Integer;
            if (negative && id != 0)
            {
                _diagnostics.Error(SliceDiagnostics.OutOfRange, "Invalid compact id for class: id must be a positive integer.", Loc(idToken));
            }
            else if (id > int.MaxValue)
            {
                _diagnostics.Error(SliceDiagnostics.OutOfRange, "Invalid compact id for class: value is out of range.", Loc(idToken));
            }
            else
            {
                message.CompactId = (int)id;
            }
            Expect(")");
        }
        if (Accept("extends"))
        {
            var at = Current;
            message.BaseName = ExpectScopedName("base class name");
            _unit.Bases.Add((decl, NameRef(message.BaseName, at)));
        }
        if (Accept("implements"))
        {
            do
            {
                var at = Current;
                decl.Implements.Add(NameRef(ExpectScopedName("interface name"), at));
            }
            while (Accept(","));
        }
        ParseMembers(decl, message);
        Accept(";");
        return decl;
    }

    private MessageDef NewMessage(SliceToken name, MessageKind kind)
    {
        var message = new MessageDef(name.Text, Loc(name)) { Kind = kind, File = _unit.File };
        message.FullName = Scope.Length == 0 ? name.Text : Scope + "." + name.Text;
        _unit.File.Messages.Add(message);
        return message;
    }

    private SliceDecl? ParseException()
    {
        Next();
        var name = ExpectName("exception");
        var decl = Declare(SliceKind.Exception, name);
        var message = Define(decl, NewMessage(name, MessageKind.Exception));
        if (Accept("extends"))
        {
            var at = Current;
            message.BaseName = ExpectScopedName("base exception name");
            _unit.Bases.Add((decl, NameRef(message.BaseName, at)));
        }
        ParseMembers(decl, message);
        Accept(";");
        return decl;
    }

    private SliceDecl? ParseStruct()
    {
        Next();
        var name = ExpectName("struct");
        var decl = Declare(SliceKind.Struct, name);
        var message = Define(decl, NewMessage(name, MessageKind.Struct));
        ParseMembers(decl, message);
        Accept(";");
        return decl;
    }

    private SliceDecl? ParseInterface()
    {
        Next();
        var name = ExpectName("interface");
        if (Current.Is(";"))
        {
            Next();
            return Declare(SliceKind.InterfaceForward, name);
        }
        var decl = Declare(SliceKind.Interface, name);
        var service = Define(decl, new ServiceDef(name.Text, Loc(name)) { File = _unit.File });
        service.FullName = decl.FullName;
        _unit.File.Services.Add(service);
        if (Accept("extends"))
        {
            do
            {
                var at = Current;
                var baseName = ExpectScopedName("base interface name");
                service.BaseNames.Add(baseName);
                _unit.Bases.Add((decl, NameRef(baseName, at)));
            }
            while (Accept(","));
        }
        Expect("{");
        while (!Current.Is("}") && Current.Kind != SliceTokenKind.End)
        {
            var method = ParseOperation(decl);
            method.Service = service;
            method.FullName = service.FullName + "." + method.Name;
            service.Methods.Add(method);
        }
        Expect("}");
        Accept(";");
        return decl;
    }

    private SliceDecl? ParseSequence()
    {
        Next();
        var open = Expect("<");
        var metadata = Current.Is("[") ? ParseMetadata("]") : new List<(string, SourceLocation)>();
        var (element, use) = ParseType();
        Expect(">");
        var name = ExpectName("sequence");
        var decl = Declare(SliceKind.Sequence, name);
        var typedef = Define(decl, NewTypedef(name, TypeRef.List(element, Loc(open))));
        AddMetadata(typedef, metadata);
        Bind(use, decl);
        EndDefinition("sequence");
        return decl;
    }

    private SliceDecl? ParseDictionary()
    {
        Next();
        var open = Expect("<");
        var metadata = Current.Is("[") ? ParseMetadata("]") : new List<(string, SourceLocation)>();
        var (key, keyUse) = ParseType();
        Expect(",");
        if (Current.Is("["))
        {
            metadata.AddRange(ParseMetadata("]"));
        }
        var (value, valueUse) = ParseType();
        Expect(">");
        var name = ExpectName("dictionary");
        var decl = Declare(SliceKind.Dictionary, name);
        var typedef = Define(decl, NewTypedef(name, TypeRef.Map(key, value, Loc(open))));
        AddMetadata(typedef, metadata);
        Bind(keyUse, decl);
        Bind(valueUse, decl);
        EndDefinition("dictionary");
        return decl;
    }

    private TypedefDef NewTypedef(SliceToken name, TypeRef target)
    {
        var typedef = new TypedefDef(name.Text, target, Loc(name)) { File = _unit.File };
        typedef.FullName = Scope.Length == 0 ? name.Text : Scope + "." + name.Text;
        _unit.File.Typedefs.Add(typedef);
        return typedef;
    }

    private SliceDecl? ParseEnum()
    {
        Next();
        var name = ExpectName("enumeration");
        var decl = Declare(SliceKind.Enum, name);
        var definition = Define(decl, new EnumDef(name.Text, Loc(name)) { File = _unit.File });
        definition.FullName = decl.FullName;
        _unit.File.Enums.Add(definition);
        Expect("{");
        long next = 0;
        while (!Current.Is("}"))
        {
            // slice2*'s grammar lets an enumerator be empty: `A,, B` and `, A` are accepted.
            if (Accept(","))
            {
                continue;
            }
            var doc = Current.Documentation;
            var valueName = ExpectName("enumerator");
            var value = next;
            var numberLocation = Loc(valueName);
            SliceNameRef? constantName = null;
            if (Accept("="))
            {
                numberLocation = Loc(Current);
                if (Current.Kind == SliceTokenKind.Identifier)
                {
                    constantName = NameRef(Current.Text, Current);
                    Next();
                    value = 0;
                }
                else
                {
                    value = ParseEnumeratorValue(valueName.Text);
                }
            }
            var enumerator = new EnumValueDef(valueName.Text, value >= 0 && value <= int.MaxValue ? (int)value : -1, Loc(valueName))
            {
                Owner = definition,
                FullName = decl.FullName + "." + valueName.Text,
                NumberLocation = numberLocation,
                Documentation = doc,
            };
            if (constantName != null)
            {
                _unit.EnumeratorConstants.Add((enumerator, constantName));
            }
            else if (numberLocation == Loc(valueName))
            {
                _unit.ImplicitEnumerators.Add(enumerator);
            }
            if (value >= 0 && value <= int.MaxValue)
            {
                // slice2* drop an enumerator whose value is out of range.
                definition.Values.Add(enumerator);
                var enumeratorDecl = new SliceDecl(SliceKind.Enumerator, decl.FullName, valueName.Text, Loc(valueName), NextOrder()) { File = _unit.File };
                _unit.Decls.Add(enumeratorDecl);
                Define(enumeratorDecl, enumerator);
            }
            next = value + 1;
            if (!Accept(","))
            {
                break;
            }
        }
        Expect("}");
        Accept(";");
        return decl;
    }

    /// <summary>An explicit enumerator value: an integer literal (a constant's name is resolved to -1 and reported).</summary>
    private long ParseEnumeratorValue(string enumerator)
    {
        var at = Current;
        var negative = Accept("-");
        if (Current.Kind != SliceTokenKind.Integer)
        {
            throw Fail($"Syntax error: expected an integer value for enumerator `{enumerator}', found {Current}.");
        }
        var magnitude = Next().Integer;
        if (negative || magnitude > int.MaxValue)
        {
            _diagnostics.Error(SliceDiagnostics.EnumeratorValue, $"Value for enumerator `{enumerator}' is out of range.", Loc(at));
            return -1;
        }
        return (long)magnitude;
    }

    private SliceDecl? ParseConst()
    {
        Next();
        var metadata = Current.Is("[") ? ParseMetadata("]") : new List<(string, SourceLocation)>();
        var (type, use) = ParseType();
        var name = ExpectName("constant");
        Expect("=");
        var value = ParseValue();
        var decl = Declare(SliceKind.Const, name);
        var constant = Define(decl, new ConstantDef(name.Text, type, value, Loc(name)) { FullName = decl.FullName });
        AddMetadata(constant, metadata);
        _unit.File.Constants.Add(constant);
        Bind(use, decl);
        _unit.ValueUses.Add(new SliceValueUse(value, type, Scope, NextOrder(), "constant", name.Text, _unit.File));
        EndDefinition("const");
        return decl;
    }

    /// <summary>Notes which definition uses a type, for the checks of local types.</summary>
    private void Bind(SliceTypeUse? use, SliceDecl decl)
    {
        if (use != null)
        {
            _unit.TypeUses.Add(new SliceTypeUse(use.Type, use.Name, decl));
        }
    }
}
