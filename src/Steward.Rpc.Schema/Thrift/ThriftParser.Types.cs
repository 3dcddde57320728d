using System.Collections.Generic;

namespace Steward.Rpc.Schema.Thrift;

internal enum FieldContext
{
    Struct,
    Arguments,
    Throws,
}

internal sealed partial class ThriftParser
{
    /// <summary>Field ids travel as i16 on the wire.</summary>
    private const int MaxFieldId = short.MaxValue;

    /// <summary>
    /// Fields of a struct/union/exception, a method's arguments or its throws clause. Fields without
    /// an id (or with one below 1, which the Thrift compiler ignores) get -1, -2, … in order.
    /// </summary>
    private void ParseFieldList(MessageDef? owner, List<FieldDef> fields, string close, FieldContext context)
    {
        var nextImplicit = -1;
        var scope = owner?.FullName ?? "";
        while (!Current.Is(close))
        {
            var first = Current;
            int? id = null;
            var idLocation = Loc(first);
            if (first.Kind == ThriftTokenKind.Integer && PeekToken(1).Is(":"))
            {
                Next();
                Next();
                if (first.IsNegative || first.IntegerMagnitude == 0)
                {
                    _diagnostics.Warning(ThriftDiagnostics.NonPositiveFieldId,
                        $"Nonpositive value ({first.Text}) not allowed as a field key; an implicit id is assigned instead.", idLocation);
                }
                else if (first.IntegerMagnitude > MaxFieldId)
                {
                    _diagnostics.Error(ThriftDiagnostics.FieldIdOutOfRange,
                        $"Field key ({first.Text}) exceeds the allowed range (1..{MaxFieldId}); ids are 16-bit on the wire.", idLocation);
                    id = MaxFieldId;
                }
                else
                {
                    id = (int)first.IntegerMagnitude;
                }
            }
            var label = FieldLabel.Singular;
            var labelToken = Current;
            if (Current.Is("required"))
            {
                Next();
                label = FieldLabel.Required;
            }
            else if (Current.Is("optional"))
            {
                Next();
                label = FieldLabel.Optional;
            }
            var type = ParseFieldType(null);
            var name = ExpectName("a field name");
            var field = new FieldDef(name.Text, id ?? 0, type, Loc(name))
            {
                Owner = owner,
                FullName = scope.Length > 0 ? scope + "." + name.Text : name.Text,
                NumberLocation = id.HasValue ? idLocation : Loc(name),
                JsonName = name.Text,
                Documentation = first.Doc,
            };
            if (!id.HasValue)
            {
                field.Number = nextImplicit--;
                field.IsImplicitNumber = true;
                _diagnostics.Warning(ThriftDiagnostics.ImplicitFieldId,
                    $"No field key specified for {name.Text}, resulting protocol may have conflicts or not be backwards compatible! (assigned {field.Number})", Loc(name));
            }
            if (context == FieldContext.Arguments && label == FieldLabel.Optional)
            {
                _diagnostics.Warning(ThriftDiagnostics.DeprecatedConstruct, "The optional keyword is ignored in argument lists.", Loc(labelToken));
                label = FieldLabel.Singular;
            }
            if (owner?.Kind == MessageKind.Union)
            {
                if (label == FieldLabel.Required)
                {
                    _diagnostics.Warning(ThriftDiagnostics.UnionRequiredField,
                        $"Union {owner.Name} field {name.Text}: union members must be optional, ignoring specified requiredness.", Loc(labelToken));
                }
                label = FieldLabel.Optional;
            }
            field.Label = label;
            if (Accept("="))
            {
                field.DefaultValue = ParseConstValue();
            }
            SkipXsdFieldOptions();
            ParseAnnotations(field);
            SkipListSeparator();
            fields.Add(field);
        }
    }

    /// <summary><c>xsd_optional</c>, <c>xsd_nillable</c> and <c>xsd_attrs { … }</c> only mattered to the XSD generator.</summary>
    private void SkipXsdFieldOptions()
    {
        if (Current.Is("xsd_optional"))
        {
            Next();
        }
        if (Current.Is("xsd_nillable"))
        {
            Next();
        }
        if (Current.Is("xsd_attrs"))
        {
            Next();
            Expect("{");
            ParseFieldList(null, new List<FieldDef>(), "}", FieldContext.Struct);
            Expect("}");
        }
    }

    private static ScalarType BaseType(string word) => word switch
    {
        "bool" => ScalarType.Bool,
        "byte" or "i8" => ScalarType.Int8,
        "i16" => ScalarType.Int16,
        "i32" => ScalarType.Int32,
        "i64" => ScalarType.Int64,
        "double" => ScalarType.Double,
        "string" => ScalarType.String,
        "binary" => ScalarType.Bytes,
        "uuid" => ScalarType.Uuid,
        _ => ScalarType.None,
    };

    /// <summary>A field type; annotations on base and container types go to <paramref name="annotations"/> when given.</summary>
    private TypeRef ParseFieldType(List<OptionDef>? annotations)
    {
        var token = Current;
        if (token.Kind != ThriftTokenKind.Identifier)
        {
            throw Fail($"Expected a type, found {token}.");
        }
        var scalar = BaseType(token.Text);
        TypeRef type;
        if (scalar != ScalarType.None)
        {
            Next();
            type = TypeRef.ForScalar(scalar, Loc(token));
        }
        else if (token.Text == "map" || token.Text == "set" || token.Text == "list")
        {
            Next();
            Enter(token);
            try
            {
                type = ParseContainer(token);
            }
            finally
            {
                _depth--;
            }
        }
        else if (token.Text == "slist")
        {
            _diagnostics.Error(ThriftDiagnostics.UnsupportedConstruct, "\"slist\" is no longer supported by Thrift; use \"string\" instead.", Loc(token));
            throw new SyntaxErrorException();
        }
        else if (token.Text == "void")
        {
            throw Fail("\"void\" is only allowed as a method's return type.");
        }
        else if (Keywords.Contains(token.Text))
        {
            throw Fail($"Expected a type, found {token}.");
        }
        else
        {
            Next();
            return TypeRef.Named(token.Text, Loc(token));
        }
        ParseAnnotationsInto(annotations);
        return type;
    }

    private void Enter(ThriftToken token)
    {
        if (++_depth > MaxNesting)
        {
            _depth--;
            _diagnostics.Error(ThriftDiagnostics.NestingTooDeep, $"Nesting deeper than {MaxNesting} levels.", Loc(token));
            throw new SyntaxErrorException();
        }
    }

    private TypeRef ParseContainer(ThriftToken keyword)
    {
        if (keyword.Text != "list")
        {
            SkipCppType();
        }
        Expect("<");
        var first = ParseFieldType(null);
        TypeRef type;
        if (keyword.Text == "map")
        {
            Expect(",");
            var value = ParseFieldType(null);
            type = TypeRef.Map(first, value, Loc(keyword));
        }
        else
        {
            type = keyword.Text == "set" ? TypeRef.Set(first, Loc(keyword)) : TypeRef.List(first, Loc(keyword));
        }
        Expect(">");
        if (keyword.Text == "list")
        {
            SkipCppType();
        }
        return type;
    }

    /// <summary><c>cpp_type "std::vector&lt;…&gt;"</c> only steers the C++ generator.</summary>
    private void SkipCppType()
    {
        if (Current.Is("cpp_type") && Current.Kind == ThriftTokenKind.Identifier)
        {
            Next();
            ExpectString("the C++ type");
        }
    }

    private ConstantValue ParseConstValue()
    {
        var token = Current;
        var location = Loc(token);
        switch (token.Kind)
        {
            case ThriftTokenKind.Integer:
                Next();
                return ConstantValue.FromInteger(token.IntegerMagnitude, token.IsNegative, location);
            case ThriftTokenKind.Float:
                Next();
                return ConstantValue.FromFloat(token.FloatValue, location);
            case ThriftTokenKind.String:
                Next();
                return ConstantValue.FromString(token.Text, location);
            case ThriftTokenKind.Identifier:
                Next();
                return token.Text switch
                {
                    "true" => ConstantValue.FromBool(true, location),
                    "false" => ConstantValue.FromBool(false, location),
                    _ => ConstantValue.FromIdentifier(token.Text, location),
                };
        }
        if (token.Is("["))
        {
            Next();
            Enter(token);
            try
            {
                var list = ConstantValue.NewList(location);
                while (!Current.Is("]"))
                {
                    list.Items.Add(ParseConstValue());
                    SkipListSeparator();
                }
                Next();
                return list;
            }
            finally
            {
                _depth--;
            }
        }
        if (token.Is("{"))
        {
            Next();
            Enter(token);
            try
            {
                var map = ConstantValue.NewMap(location);
                while (!Current.Is("}"))
                {
                    var key = ParseConstValue();
                    Expect(":");
                    var value = ParseConstValue();
                    map.Entries.Add(new KeyValuePair<ConstantValue, ConstantValue>(key, value));
                    SkipListSeparator();
                }
                Next();
                return map;
            }
            finally
            {
                _depth--;
            }
        }
        throw Fail($"Expected a constant value, found {token}.");
    }

    private void ParseAnnotations(SchemaElement? target) => ParseAnnotationsInto(target?.Options);

    /// <summary><c>( key = "value", flag, … )</c>; a key without a value means "1", as in the Thrift compiler.</summary>
    private void ParseAnnotationsInto(List<OptionDef>? sink)
    {
        if (!Current.Is("(") || Current.Kind != ThriftTokenKind.Symbol)
        {
            return;
        }
        Next();
        while (!Current.Is(")"))
        {
            var key = Current;
            if (key.Kind != ThriftTokenKind.Identifier)
            {
                throw Fail($"Expected an annotation name, found {key}.");
            }
            Next();
            var value = ConstantValue.FromString("1", Loc(key));
            if (Accept("="))
            {
                var literal = Current;
                value = ConstantValue.FromString(ExpectString("the annotation's value"), Loc(literal));
            }
            sink?.Add(new OptionDef(key.Text, value, Loc(key)));
            SkipListSeparator();
        }
        Next();
    }
}
