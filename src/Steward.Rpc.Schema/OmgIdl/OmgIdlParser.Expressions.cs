using System.Numerics;
using System.Text;

namespace Steward.Rpc.Schema.OmgIdl;

internal sealed partial class OmgIdlParser
{
    /// <summary>
    /// A constant expression, evaluated as it is read: <c>| ^ &amp; &lt;&lt; &gt;&gt; + - * / % ~</c> and
    /// parentheses over integer, floating-point, character, string and boolean literals and the names of
    /// constants and enumerators. Integers are exact and must stay within 64 bits; integers and floats
    /// do not mix (omniidl's rule). Null after an error is reported.
    /// </summary>
    private OmgIdlValue? ParseExpression() => ParseBinary(0);

    /// <summary>
    /// The width omniidl evaluates integer expressions in: 32 bits for constants of the 8-, 16- and
    /// 32-bit types, bounds and labels of those types, 64 for the 64-bit ones. A value must stay within
    /// -(2^(w-1) - 1) .. 2^w - 1 (omniidl cannot reach the most negative value either), and <c>~</c> of a
    /// non-negative value is its unsigned complement in that width.
    /// </summary>
    private int _expressionBits = 64;

    /// <summary>Parses an expression evaluated in the width <paramref name="bits"/>.</summary>
    private OmgIdlValue? ParseExpression(int bits)
    {
        var saved = _expressionBits;
        _expressionBits = bits;
        try
        {
            return ParseExpression();
        }
        finally
        {
            _expressionBits = saved;
        }
    }

    /// <summary>The evaluation width for a constant, label or bound of <paramref name="type"/>.</summary>
    private static int BitsFor(TypeRef type) =>
        type.Kind == TypeKind.Scalar && (type.Scalar == ScalarType.Int64 || type.Scalar == ScalarType.UInt64) ? 64
        : type.Kind == TypeKind.Scalar && OmgIdlConstants.IntegerRange(type.Scalar, out _, out _) ? 32
        : 64;

    private static readonly string[][] Levels =
    {
        new[] { "|" }, new[] { "^" }, new[] { "&" }, new[] { "<<", ">>" }, new[] { "+", "-" }, new[] { "*", "/", "%" },
    };

    private OmgIdlValue? ParseBinary(int level)
    {
        if (level == Levels.Length)
        {
            return ParseUnary();
        }
        var left = ParseBinary(level + 1);
        while (true)
        {
            string? op = null;
            foreach (var candidate in Levels[level])
            {
                if (Current.Is(candidate))
                {
                    op = candidate;
                }
            }
            if (op == null)
            {
                return left;
            }
            var at = Next().Location;
            var right = ParseBinary(level + 1);
            left = left == null || right == null ? null : Apply(op, left, right, at);
        }
    }

    private OmgIdlValue? Apply(string op, OmgIdlValue left, OmgIdlValue right, SourceLocation at)
    {
        if (!left.IsNumber || !right.IsNumber)
        {
            Error(OmgIdlDiagnostics.ConstantValue, $"Operator '{op}' needs numbers, not a {(left.IsNumber ? right : left).Describe()}.", at);
            return null;
        }
        if (left.Kind != right.Kind)
        {
            Error(OmgIdlDiagnostics.ConstantValue, $"Operator '{op}' cannot combine an integer and a floating-point value.", at);
            return null;
        }
        if (left.Kind == OmgIdlValueKind.Float)
        {
            switch (op)
            {
                case "+": return OmgIdlValue.OfFloat(left.Float + right.Float);
                case "-": return OmgIdlValue.OfFloat(left.Float - right.Float);
                case "*": return OmgIdlValue.OfFloat(left.Float * right.Float);
                case "/":
                    if (right.Float == 0)
                    {
                        Error(OmgIdlDiagnostics.ConstantValue, "Division by zero in a constant expression.", at);
                        return null;
                    }
                    return OmgIdlValue.OfFloat(left.Float / right.Float);
            }
            Error(OmgIdlDiagnostics.ConstantValue, $"Operator '{op}' needs integers, not floating-point values.", at);
            return null;
        }
        var a = left.Integer;
        var b = right.Integer;
        BigInteger result;
        switch (op)
        {
            case "|": result = a | b; break;
            case "^": result = a ^ b; break;
            case "&": result = a & b; break;
            case "<<":
            case ">>":
                if (b < 0 || b >= 64)
                {
                    Error(OmgIdlDiagnostics.ConstantValue, "The right operand of a shift must be >= 0 and < 64.", at);
                    return null;
                }
                result = op == "<<" ? a << (int)b : a >> (int)b;
                break;
            case "+": result = a + b; break;
            case "-": result = a - b; break;
            case "*": result = a * b; break;
            default:
                if (b.IsZero)
                {
                    Error(OmgIdlDiagnostics.ConstantValue, "Division by zero in a constant expression.", at);
                    return null;
                }
                result = op == "/" ? BigInteger.Divide(a, b) : BigInteger.Remainder(a, b);
                break;
        }
        return CheckRange(result, at);
    }

    private OmgIdlValue? CheckRange(BigInteger value, SourceLocation at)
    {
        var max = (BigInteger.One << _expressionBits) - 1;
        var min = -((BigInteger.One << (_expressionBits - 1)) - 1);
        if (value < min || value > max)
        {
            Error(OmgIdlDiagnostics.ConstantValue,
                $"Value {value} is out of range in a constant expression evaluated in {_expressionBits} bits ({min} to {max}, as omniidl evaluates them).", at);
            return null;
        }
        return OmgIdlValue.OfInteger(value);
    }

    private OmgIdlValue? ParseUnary()
    {
        if (Current.Is("-") || Current.Is("+") || Current.Is("~"))
        {
            var op = Next();
            var operand = ParseUnary();
            if (operand == null)
            {
                return null;
            }
            if (operand.Kind == OmgIdlValueKind.Float && op.Text != "~")
            {
                return OmgIdlValue.OfFloat(op.Text == "-" ? -operand.Float : operand.Float);
            }
            if (operand.Kind != OmgIdlValueKind.Integer)
            {
                Error(OmgIdlDiagnostics.ConstantValue, $"Operator '{op.Text}' needs {(op.Text == "~" ? "an integer" : "a number")}, not a {operand.Describe()}.", op.Location);
                return null;
            }
            var complement = operand.Integer.Sign < 0 ? -operand.Integer - 1 : ((BigInteger.One << _expressionBits) - 1) - operand.Integer;
            return CheckRange(op.Text == "-" ? -operand.Integer : op.Text == "~" ? complement : operand.Integer, op.Location);
        }
        return ParsePrimary();
    }

    private OmgIdlValue? ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case OmgIdlTokenKind.Integer:
                Next();
                return CheckRange(token.Integer, token.Location);
            case OmgIdlTokenKind.Float:
                Next();
                return OmgIdlValue.OfFloat(token.Float);
            case OmgIdlTokenKind.Char:
                Next();
                return new OmgIdlValue(token.Wide ? OmgIdlValueKind.WChar : OmgIdlValueKind.Char) { Text = token.Text, Integer = token.Integer };
            case OmgIdlTokenKind.String:
                var text = new StringBuilder();
                var wide = token.Wide;
                while (Current.Kind == OmgIdlTokenKind.String)
                {
                    if (Current.Wide != wide)
                    {
                        Error(OmgIdlDiagnostics.ConstantValue, "A string literal and a wide string literal cannot be concatenated.", Current.Location);
                    }
                    text.Append(Next().Text);
                }
                return new OmgIdlValue(wide ? OmgIdlValueKind.WString : OmgIdlValueKind.String) { Text = text.ToString() };
        }
        if (Accept("("))
        {
            var inner = ParseExpression();
            Expect(")", "constant expression");
            return inner;
        }
        if (Current.Is("TRUE") || Current.Is("FALSE"))
        {
            return new OmgIdlValue(OmgIdlValueKind.Bool) { Bool = Next().Text == "TRUE" };
        }
        if (token.Kind != OmgIdlTokenKind.Identifier && !token.Is("::"))
        {
            throw Fail($"Syntax error: expected a constant expression, found {token}.");
        }
        var (name, location) = ExpectScopedName("a constant name");
        var symbol = Resolve(name, location);
        if (symbol == null)
        {
            return null;
        }
        if (symbol.Kind != OmgIdlKind.Const && symbol.Kind != OmgIdlKind.Enumerator)
        {
            Error(OmgIdlDiagnostics.WrongKind, $"'{name}' is a {symbol.KindName}, not a constant or an enumerator.", location);
            return null;
        }
        return symbol.Value;
    }
}
