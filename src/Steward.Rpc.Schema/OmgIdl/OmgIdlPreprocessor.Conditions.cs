using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.OmgIdl;

internal sealed partial class OmgIdlPreprocessor
{
    /// <summary>
    /// The condition of <c>#if</c>/<c>#elif</c>: <c>defined X</c> and <c>defined(X)</c> first, then
    /// macros expanded, then every remaining identifier is 0, evaluated in 64-bit integers with C's
    /// operators and precedence. A malformed condition is reported and counts as false.
    /// </summary>
    private bool Evaluate(string text, SourceLocation at)
    {
        var raw = Tokens(text, at);
        var tokens = new List<OmgIdlToken>();
        for (var i = 0; i < raw.Count; i++)
        {
            var token = raw[i];
            if (token.Is("defined"))
            {
                var parenthesized = i + 1 < raw.Count && raw[i + 1].Is("(");
                var nameAt = i + (parenthesized ? 2 : 1);
                if (nameAt >= raw.Count || raw[nameAt].Kind != OmgIdlTokenKind.Identifier || (parenthesized && (nameAt + 1 >= raw.Count || !raw[nameAt + 1].Is(")"))))
                {
                    Error("'defined' needs a macro name.", at);
                    return false;
                }
                tokens.Add(new OmgIdlToken(OmgIdlTokenKind.Integer, "", at) { Integer = _macros.ContainsKey(raw[nameAt].Text) ? 1UL : 0UL });
                i = nameAt + (parenthesized ? 1 : 0);
            }
            else if (token.Kind == OmgIdlTokenKind.Identifier && _macros.ContainsKey(token.Text))
            {
                Expand(token, at, new HashSet<string>(StringComparer.Ordinal), tokens);
            }
            else
            {
                tokens.Add(token);
            }
        }
        if (tokens.Count == 0)
        {
            Error("#if with no expression.", at);
            return false;
        }
        var evaluator = new ConditionEvaluator(tokens);
        try
        {
            var value = evaluator.Conditional();
            if (evaluator.Position != tokens.Count)
            {
                throw new FormatException($"unexpected {tokens[evaluator.Position]}");
            }
            return value != 0;
        }
        catch (FormatException ex)
        {
            Error($"Invalid #if expression: {ex.Message}.", at);
            return false;
        }
        catch (DivideByZeroException)
        {
            Error("Division by zero in #if.", at);
            return false;
        }
    }

    private sealed class ConditionEvaluator
    {
        private readonly List<OmgIdlToken> _tokens;

        public ConditionEvaluator(List<OmgIdlToken> tokens)
        {
            _tokens = tokens;
        }

        public int Position { get; private set; }

        private bool Accept(string punct)
        {
            if (Position < _tokens.Count && _tokens[Position].Kind == OmgIdlTokenKind.Punct && _tokens[Position].Text == punct)
            {
                Position++;
                return true;
            }
            return false;
        }

        public long Conditional()
        {
            var condition = Binary(0);
            if (!Accept("?"))
            {
                return condition;
            }
            var whenTrue = Conditional();
            if (!Accept(":"))
            {
                throw new FormatException("'?' without ':'");
            }
            var whenFalse = Conditional();
            return condition != 0 ? whenTrue : whenFalse;
        }

        private static readonly string[][] Levels =
        {
            new[] { "||" }, new[] { "&&" }, new[] { "|" }, new[] { "^" }, new[] { "&" },
            new[] { "==", "!=" }, new[] { "<", ">", "<=", ">=" }, new[] { "<<", ">>" }, new[] { "+", "-" }, new[] { "*", "/", "%" },
        };

        private long Binary(int level)
        {
            if (level == Levels.Length)
            {
                return Unary();
            }
            var left = Binary(level + 1);
            while (true)
            {
                string? op = null;
                foreach (var candidate in Levels[level])
                {
                    if (Accept(candidate))
                    {
                        op = candidate;
                        break;
                    }
                }
                if (op == null)
                {
                    return left;
                }
                var right = Binary(level + 1);
                left = op switch
                {
                    "||" => left != 0 || right != 0 ? 1 : 0,
                    "&&" => left != 0 && right != 0 ? 1 : 0,
                    "|" => left | right,
                    "^" => left ^ right,
                    "&" => left & right,
                    "==" => left == right ? 1 : 0,
                    "!=" => left != right ? 1 : 0,
                    "<" => left < right ? 1 : 0,
                    ">" => left > right ? 1 : 0,
                    "<=" => left <= right ? 1 : 0,
                    ">=" => left >= right ? 1 : 0,
                    "<<" => left << (int)(right & 63),
                    ">>" => left >> (int)(right & 63),
                    "+" => unchecked(left + right),
                    "-" => unchecked(left - right),
                    "*" => unchecked(left * right),
                    "/" => right == 0 ? throw new DivideByZeroException() : left / right,
                    _ => right == 0 ? throw new DivideByZeroException() : left % right,
                };
            }
        }

        private long Unary()
        {
            if (Accept("!"))
            {
                return Unary() == 0 ? 1 : 0;
            }
            if (Accept("-"))
            {
                return unchecked(-Unary());
            }
            if (Accept("+"))
            {
                return Unary();
            }
            if (Accept("~"))
            {
                return ~Unary();
            }
            if (Accept("("))
            {
                var value = Conditional();
                if (!Accept(")"))
                {
                    throw new FormatException("missing ')'");
                }
                return value;
            }
            if (Position >= _tokens.Count)
            {
                throw new FormatException("the expression ends early");
            }
            var token = _tokens[Position++];
            return token.Kind switch
            {
                OmgIdlTokenKind.Integer or OmgIdlTokenKind.Char => unchecked((long)token.Integer),
                OmgIdlTokenKind.Identifier => 0,
                _ => throw new FormatException($"unexpected {token}"),
            };
        }
    }
}
