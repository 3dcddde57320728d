using System.Collections.Generic;

namespace Steward.Rpc.Schema.OmgIdl;

internal sealed partial class OmgIdlParser
{
    /// <summary>
    /// A discriminated union: the discriminator (an integer type, char, boolean or an enum, possibly
    /// through typedefs), then cases with one or more labels each, at most one <c>default</c>. Labels are
    /// evaluated and checked against the discriminator's type; a label used twice is an error, and so is
    /// a <c>default</c> when the labels already cover every value (boolean and enum discriminators).
    /// </summary>
    private OmgIdlToken ParseUnion()
    {
        Next();
        var name = ExpectIdentifier("union");
        if (Current.Is(";"))
        {
            DeclareForward(OmgIdlKind.Union, name);
            return name;
        }
        var (symbol, message) = BeginMessage(OmgIdlKind.Union, MessageKind.Union, name, forward: false)!.Value;
        Expect("switch", "union");
        Expect("(", "union");
        var saved = Enter(symbol);
        var discriminatorAt = Current.Location;
        var discriminator = ParseTypeSpec(TypeContext.Switch);
        message.Discriminator = discriminator;
        if (!IsDiscriminatorType(discriminator))
        {
            Error(OmgIdlDiagnostics.UnionLabel,
                $"Union '{name.Text}' cannot switch on {OmgIdlConstants.IdlName(discriminator)}: the discriminator must be an integer type, char, boolean or an enum.", discriminatorAt);
        }
        Expect(")", "union");
        Expect("{", "union");
        var seen = new Dictionary<string, SourceLocation>(System.StringComparer.Ordinal);
        SourceLocation? defaultAt = null;
        if (Current.Is("}"))
        {
            throw Fail($"Syntax error: union '{name.Text}' has no cases; IDL needs at least one.");
        }
        while (!Current.Is("}"))
        {
            var labels = new List<ConstantValue>();
            var isDefault = false;
            do
            {
                var labelAt = Current.Location;
                if (Accept("default"))
                {
                    Expect(":", "union case label");
                    if (defaultAt != null)
                    {
                        Error(OmgIdlDiagnostics.UnionLabel, $"Union '{name.Text}' has more than one default case (the first is at {defaultAt}).", labelAt);
                    }
                    defaultAt = labelAt;
                    isDefault = true;
                    continue;
                }
                Expect("case", "union");
                var value = ParseExpression(BitsFor(discriminator));
                Expect(":", "union case label");
                if (value == null || !IsDiscriminatorType(discriminator))
                {
                    continue;
                }
                var label = OmgIdlConstants.Convert(value, discriminator, labelAt, out var error);
                if (label == null)
                {
                    Error(OmgIdlDiagnostics.UnionLabel, $"Case label of union '{name.Text}': {error}", labelAt);
                    continue;
                }
                if (seen.TryGetValue(label.Text, out var first))
                {
                    Error(OmgIdlDiagnostics.UnionLabel, $"Duplicate case label {label} in union '{name.Text}' (first used at {first}).", labelAt);
                    continue;
                }
                seen[label.Text] = labelAt;
                labels.Add(label);
            }
            while (Current.Is("case") || Current.Is("default"));
            var type = ParseTypeSpec(TypeContext.Declaration);
            var (memberName, memberType) = ParseDeclarator(type, "union member");
            var field = AddField(message, memberName, memberType);
            field.CaseLabels.AddRange(labels);
            field.IsDefaultCase = isDefault;
            Expect(";", "union member");
            if (Current.Kind == OmgIdlTokenKind.End)
            {
                throw Fail($"Syntax error: union '{name.Text}' is not closed with '}}'.");
            }
        }
        Next();
        Leave(saved);
        if (defaultAt is SourceLocation at && CoversEveryValue(discriminator, seen.Count))
        {
            Error(OmgIdlDiagnostics.UnionLabel, $"Error in union '{name.Text}': cannot declare a default case since all cases are explicitly listed.", at);
        }
        symbol.InProgress = false;
        symbol.Defined = true;
        return name;
    }

    private static bool IsDiscriminatorType(TypeRef type) =>
        type.Kind == TypeKind.Enum
        || (type.Kind == TypeKind.Scalar && (type.Scalar == ScalarType.Bool || type.Scalar == ScalarType.Char
            || (type.Scalar != ScalarType.Byte && OmgIdlConstants.IntegerRange(type.Scalar, out _, out _))));

    private static bool CoversEveryValue(TypeRef discriminator, int labels) =>
        (discriminator.IsScalar(ScalarType.Bool) && labels == 2)
        || (discriminator.Kind == TypeKind.Enum && discriminator.Definition is EnumDef e && labels == e.Values.Count);
}
