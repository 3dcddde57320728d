using System.Collections.Generic;

namespace Steward.Rpc.Schema.Slice;

internal sealed partial class SliceParser
{
    /// <summary>
    /// The data members of a class, exception or struct. An untagged member's <see cref="FieldDef.Number"/>
    /// is its declaration index; an <c>optional(tag)</c> member's is its tag. Operations in a class
    /// (deprecated in Ice 3.7) are parsed and reported, not modelled.
    /// </summary>
    private void ParseMembers(SliceDecl decl, MessageDef message)
    {
        Expect("{");
        var index = 0;
        while (!Current.Is("}") && Current.Kind != SliceTokenKind.End)
        {
            var start = _pos;
            var doc = Current.Documentation;
            var metadata = Current.Is("[") ? ParseMetadata("]") : new List<(string, SourceLocation)>();
            if (message.Kind == MessageKind.Class && LooksLikeOperation())
            {
                _pos = start;
                var operation = ParseOperation(decl);
                decl.ClassOperations.Add(operation);
                _diagnostics.Warning(SliceDiagnostics.Deprecated, $"Classes with operations are deprecated; operation `{operation.Name}' is not generated.", operation.Location);
                continue;
            }
            var field = ParseDataMember(decl, message, index);
            field.Documentation = doc;
            AddMetadata(field, metadata);
            index++;
        }
        Expect("}");
    }

    /// <summary>True at <c>[idempotent] [optional(n)] type name (</c>: an operation rather than a data member.</summary>
    private bool LooksLikeOperation()
    {
        var offset = 0;
        if (PeekToken(offset).Is("idempotent"))
        {
            return true;
        }
        if (PeekToken(offset).Is("optional"))
        {
            offset += 4;
        }
        if (PeekToken(offset).Is("void"))
        {
            return true;
        }
        offset += PeekToken(offset + 1).Is("*") ? 2 : 1;
        return PeekToken(offset + 1).Is("(");
    }

    private FieldDef ParseDataMember(SliceDecl decl, MessageDef message, int index)
    {
        var tagToken = Current;
        var (tagged, tag) = ParseOptionalTag();
        var (type, use) = ParseType();
        var name = ExpectName("data member");
        var field = new FieldDef(name.Text, tagged ? tag : index, type, Loc(name))
        {
            Owner = message,
            FullName = message.FullName + "." + name.Text,
            IsTagged = tagged,
            Label = tagged ? FieldLabel.Optional : FieldLabel.Singular,
            NumberLocation = tagged ? Loc(tagToken) : Loc(name),
        };
        RecordTag(field);
        Bind(use, decl);
        if (Accept("="))
        {
            field.DefaultValue = ParseValue();
            _unit.ValueUses.Add(new SliceValueUse(field.DefaultValue, type, Scope, NextOrder(), "data member", name.Text, _unit.File));
        }
        message.Fields.Add(field);
        if (!Accept(";"))
        {
            throw Fail("`;' missing after data member definition.");
        }
        return field;
    }

    private string? _pendingTagName;
    private SliceToken? _pendingTagToken;

    /// <summary><c>optional(tag)</c>: the tag is an integer literal or a constant's name (resolved later).</summary>
    private (bool Tagged, int Tag) ParseOptionalTag()
    {
        _pendingTagName = null;
        if (!Accept("optional"))
        {
            return (false, 0);
        }
        Expect("(");
        var at = Current;
        var tag = 0;
        if (Current.Kind == SliceTokenKind.Identifier)
        {
            _pendingTagName = Next().Text;
            _pendingTagToken = at;
        }
        else
        {
            var negative = Accept("-");
            if (Current.Kind != SliceTokenKind.Integer)
            {
                throw Fail($"Syntax error: expected a tag, found {Current}.");
            }
            var magnitude = Next().Integer;
            if (negative && magnitude != 0 || magnitude > int.MaxValue)
            {
                _diagnostics.Error(SliceDiagnostics.OutOfRange, "Tag for optional is out of range.", Loc(at));
                tag = -1;
            }
            else
            {
                tag = (int)magnitude;
            }
        }
        Expect(")");
        return (true, tag);
    }

    private void RecordTag(FieldDef field)
    {
        if (field.IsTagged && _pendingTagName != null && _pendingTagToken != null)
        {
            _unit.TagUses.Add(new SliceTagUse(field, NameRef(_pendingTagName, _pendingTagToken)));
            _pendingTagName = null;
        }
    }

    /// <summary>
    /// An operation. Parameters keep their order with <see cref="FieldDef.IsOut"/>; each one's number is
    /// its tag when optional, else its index. The return value is a field named <c>returnValue</c>
    /// (number: its tag, or -1 when untagged); <see cref="MethodDef.InputType"/> and
    /// <see cref="MethodDef.OutputType"/> stay <see cref="TypeRef.Void"/>, since Ice marshals parameters
    /// one by one rather than as a request message.
    /// </summary>
    private MethodDef ParseOperation(SliceDecl decl)
    {
        var doc = Current.Documentation;
        var metadata = Current.Is("[") ? ParseMetadata("]") : new List<(string, SourceLocation)>();
        var idempotent = Accept("idempotent");
        var returnAt = Current;
        var (tagged, tag) = ParseOptionalTag();
        TypeRef? returnType = null;
        SliceTypeUse? returnUse = null;
        if (!Accept("void"))
        {
            (returnType, returnUse) = ParseType();
        }
        else if (tagged)
        {
            throw Fail("Syntax error: void cannot be optional.");
        }
        var name = ExpectName("operation");
        var method = new MethodDef(name.Text, Loc(name)) { CallKind = CallKind.Unary, IsIdempotent = idempotent, Documentation = doc };
        AddMetadata(method, metadata);
        if (returnType != null)
        {
            method.ReturnValue = new FieldDef("returnValue", tagged ? tag : -1, returnType, Loc(returnAt))
            {
                IsTagged = tagged,
                Label = tagged ? FieldLabel.Optional : FieldLabel.Singular,
                NumberLocation = Loc(returnAt),
            };
            RecordTag(method.ReturnValue);
            Bind(returnUse, decl);
        }
        Expect("(");
        var index = 0;
        while (!Current.Is(")"))
        {
            if (index > 0)
            {
                Expect(",");
            }
            method.Parameters.Add(ParseParameter(decl, index++));
        }
        Expect(")");
        if (Accept("throws"))
        {
            do
            {
                var at = Current;
                var exception = ExpectScopedName("exception name");
                var field = new FieldDef(exception, method.Throws.Count, TypeRef.Named(exception, Loc(at)), Loc(at));
                method.Throws.Add(field);
                _unit.Throws.Add((field, NameRef(exception, at), decl));
            }
            while (Accept(","));
        }
        if (!Accept(";"))
        {
            throw Fail("`;' missing after operation definition.");
        }
        return method;
    }

    private FieldDef ParseParameter(SliceDecl decl, int index)
    {
        var metadata = Current.Is("[") ? ParseMetadata("]") : new List<(string, SourceLocation)>();
        var isOut = Accept("out");
        var tagAt = Current;
        var (tagged, tag) = ParseOptionalTag();
        var (type, use) = ParseType();
        var name = ExpectName("parameter");
        var parameter = new FieldDef(name.Text, tagged ? tag : index, type, Loc(name))
        {
            IsOut = isOut,
            IsTagged = tagged,
            Label = tagged ? FieldLabel.Optional : FieldLabel.Singular,
            NumberLocation = tagged ? Loc(tagAt) : Loc(name),
        };
        AddMetadata(parameter, metadata);
        RecordTag(parameter);
        Bind(use, decl);
        return parameter;
    }

    /// <summary>
    /// A type: a built-in keyword, <c>Object*</c>, or a (scoped) name, optionally a proxy <c>Name*</c>.
    /// Named types come back unresolved, with the use the linker resolves.
    /// </summary>
    private (TypeRef Type, SliceTypeUse? Use) ParseType()
    {
        var token = Current;
        var at = Loc(token);
        // slice2* look built-in type names up before user types, so an escaped `\Object` is still Object.
        var builtin = token.Kind == SliceTokenKind.Keyword || token.Escaped ? BuiltinScalar(token.Text) : null;
        if (token.Kind == SliceTokenKind.Keyword && builtin == null)
        {
            throw Fail($"Syntax error: expected a type, found {token}.");
        }
        if (builtin != null)
        {
            Next();
            if (token.Escaped && Accept("*"))
            {
                // slice2* take the escaped name for the built-in type, and a built-in has no proxy.
                _diagnostics.Error(SliceDiagnostics.IllegalProxy, $"`{token.Text}' must be class or interface.", at);
            }
            else if (token.Text == "Object" && Accept("*"))
            {
                return (TypeRef.Proxy(null, at), null);
            }
            if (token.Text == "LocalObject")
            {
                var localUse = new SliceTypeUse(TypeRef.ForScalar(ScalarType.AnyClass, at), NameRef("LocalObject", token), null);
                return (localUse.Type, localUse);
            }
            return (TypeRef.ForScalar(builtin.Value, at), null);
        }
        if (token.Kind != SliceTokenKind.Identifier)
        {
            throw Fail($"Syntax error: expected a type, found {token}.");
        }
        Next();
        var name = NameRef(token.Text, token);
        var type = Accept("*") ? TypeRef.Proxy(token.Text, at) : TypeRef.Named(token.Text, at);
        return (type, new SliceTypeUse(type, name, null));
    }

    private static ScalarType? BuiltinScalar(string name) => name switch
    {
        "bool" => ScalarType.Bool,
        "byte" => ScalarType.Byte,
        "short" => ScalarType.Int16,
        "int" => ScalarType.Int32,
        "long" => ScalarType.Int64,
        "float" => ScalarType.Float,
        "double" => ScalarType.Double,
        "string" => ScalarType.String,
        "Object" or "Value" or "LocalObject" => ScalarType.AnyClass,
        _ => null,
    };

    /// <summary>A constant or default value: a (signed) number, a string, <c>true</c>/<c>false</c>, or a (scoped) name.</summary>
    private ConstantValue ParseValue()
    {
        var token = Current;
        var at = Loc(token);
        if (token.Is("-") || token.Is("+"))
        {
            var negative = token.Is("-");
            Next();
            if (Current.Line != token.Line || Current.Column != token.Column + 1)
            {
                // The sign belongs to the literal in slice2*'s scanner: "- 5" is not a number.
                throw Fail($"Syntax error: expected a number right after `{token.Text}'.");
            }
            if (Current.Kind == SliceTokenKind.Integer)
            {
                return ConstantValue.FromInteger(Next().Integer, negative, at);
            }
            if (Current.Kind == SliceTokenKind.Float)
            {
                var value = Next().Float;
                return ConstantValue.FromFloat(negative ? -value : value, at);
            }
            throw Fail($"Syntax error: expected a number, found {Current}.");
        }
        switch (token.Kind)
        {
            case SliceTokenKind.Integer:
                Next();
                return ConstantValue.FromInteger(token.Integer, false, at);
            case SliceTokenKind.Float:
                Next();
                return ConstantValue.FromFloat(token.Float, at);
            case SliceTokenKind.String:
                Next();
                return ConstantValue.FromString(token.Text, at);
            case SliceTokenKind.Identifier:
                Next();
                return ConstantValue.FromIdentifier(token.Text, at);
        }
        if (token.Is("true") || token.Is("false"))
        {
            Next();
            return ConstantValue.FromBool(token.Text == "true", at);
        }
        throw Fail($"Syntax error: expected a constant value, found {token}.");
    }
}
