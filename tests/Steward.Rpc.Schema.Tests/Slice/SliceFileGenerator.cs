using System.Globalization;
using System.Text;

namespace Steward.Rpc.Schema.Tests.Slice;

/// <summary>
/// Writes small random Slice files that are valid by construction (every name declared before use,
/// unique names, tags and compact ids, legal keys and defaults), for the cross-check against ZeroC's
/// compilers. The same seed gives the same files. <see cref="SliceDefects"/> adds one defect to one.
/// </summary>
internal sealed class SliceFileGenerator
{
    private readonly Random _random;
    private readonly StringBuilder _text = new();
    private int _counter;

    public SliceFileGenerator(Random random)
    {
        _random = random;
    }

    // What the module defines so far, for later definitions to refer to.
    public List<string> Structs { get; } = new();
    public List<string> KeyStructs { get; } = new();
    public List<(string Name, List<string> Enumerators)> Enums { get; } = new();
    public List<(string Name, List<string> Members)> Classes { get; } = new();
    public List<(string Name, List<string> Members)> Exceptions { get; } = new();
    public List<(string Name, List<string> Operations)> Interfaces { get; } = new();
    public List<string> Sequences { get; } = new();
    public List<string> Dictionaries { get; } = new();
    public List<(string Name, string Type)> Constants { get; } = new();
    public string Module { get; private set; } = "";

    /// <summary>Inside a nested module, what outer definitions call the new names (<c>Inner3::</c>).</summary>
    private string _scopePrefix = "";

    /// <summary>
    /// Makes the definitions of <paramref name="library"/> (another file's module) usable here, by
    /// absolute or module-relative names, as a file including it would use them.
    /// </summary>
    public void Import(SliceFileGenerator library)
    {
        string Q(string name) => (_random.Next(2) == 0 ? "::" : "") + library.Module + "::" + name;
        Structs.AddRange(library.Structs.Select(Q));
        KeyStructs.AddRange(library.KeyStructs.Select(Q));
        Sequences.AddRange(library.Sequences.Select(Q));
        Dictionaries.AddRange(library.Dictionaries.Select(Q));
        Classes.AddRange(library.Classes.Select(c => (Q(c.Name), c.Members)));
        Exceptions.AddRange(library.Exceptions.Select(c => (Q(c.Name), c.Members)));
        Interfaces.AddRange(library.Interfaces.Select(c => (Q(c.Name), c.Operations)));
        _counter = library._counter + 1000;
    }

    /// <summary>A module inside the current one; what it defines is named <c>Inner::X</c> from either side.</summary>
    private void NestedModule()
    {
        var name = Fresh("Inner");
        _text.Append("    module ").Append(name).Append("\n    {\n");
        _scopePrefix = name + "::";
        var count = 1 + _random.Next(3);
        for (var i = 0; i < count; i++)
        {
            Definition();
        }
        _scopePrefix = "";
        _text.Append("    }\n");
    }

    private static readonly string[] Builtins = { "bool", "byte", "short", "int", "long", "float", "double", "string" };
    private static readonly string[] KeyBuiltins = { "bool", "byte", "short", "int", "long", "string" };

    private string Fresh(string prefix) => prefix + (++_counter).ToString(CultureInfo.InvariantCulture);

    /// <summary>A new definition's name and how later definitions refer to it.</summary>
    private (string Name, string Reference) FreshDefinition(string prefix)
    {
        var name = Fresh(prefix);
        return (name, _scopePrefix + name);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>The text of a module of <paramref name="definitions"/> random definitions, with room for one more at the end.</summary>
    public string Generate(int definitions, string? extraDefinition = null, string? prologue = null)
    {
        _text.Clear();
        Module = "M" + _random.Next(1000).ToString(CultureInfo.InvariantCulture);
        if (prologue != null)
        {
            _text.Append(prologue).Append('\n');
        }
        if (_random.Next(4) == 0)
        {
            _text.Append("[[\"python:pkgdir:gen\"]]\n");
        }
        _text.Append("/** Generated. */\n");
        _text.Append(_random.Next(5) == 0 ? "[\"cs:namespace:Gen\"]\n" : "").Append("module ").Append(Module).Append("\n{\n");
        for (var i = 0; i < definitions; i++)
        {
            Definition();
            if (_scopePrefix.Length == 0 && _random.Next(8) == 0)
            {
                NestedModule();
            }
        }
        if (extraDefinition != null)
        {
            _text.Append(extraDefinition).Append('\n');
        }
        _text.Append('}').Append(_random.Next(2) == 0 ? ";" : "").Append('\n');
        return _text.ToString();
    }

    /// <summary>Appends one more random definition (the defect generator uses it to build context).</summary>
    private void Definition()
    {
        switch (_random.Next(10))
        {
            case 0: Enum(); break;
            case 1: case 2: Struct(); break;
            case 3: Class(); break;
            case 4: Exception(); break;
            case 5: Sequence(); break;
            case 6: Dictionary(); break;
            case 7: Constant(); break;
            default: Interface(); break;
        }
    }

    private void End() => _text.Append(_random.Next(2) == 0 ? "};\n" : "}\n");

    private void Enum()
    {
        var (name, reference) = FreshDefinition("E");
        var enumerators = new List<string>();
        _text.Append("    enum ").Append(name).Append(" { ");
        var value = -1L;
        var count = 1 + _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            var enumerator = Fresh("En");
            enumerators.Add(enumerator);
            _text.Append(i > 0 ? ", " : "").Append(enumerator);
            if (_random.Next(3) == 0)
            {
                value += 1 + _random.Next(5);
                _text.Append(" = ").Append(value);
            }
            else
            {
                value++;
            }
        }
        _text.Append(_random.Next(4) == 0 ? ", " : " ");
        End();
        Enums.Add((reference, enumerators));
    }

    /// <summary>A data member type: a built-in, or something defined earlier.</summary>
    public string AnyType(bool keyOnly = false)
    {
        var choices = new List<string>(keyOnly ? KeyBuiltins : Builtins);
        choices.AddRange(Enums.Select(e => e.Name));
        choices.AddRange(KeyStructs);
        if (!keyOnly)
        {
            choices.AddRange(Structs);
            choices.AddRange(Sequences);
            choices.AddRange(Dictionaries);
            choices.AddRange(Classes.Select(c => c.Name));
            choices.AddRange(Interfaces.Select(i => i.Name + "*"));
            choices.AddRange(new[] { "Object*", "Value", "Object" });
        }
        var type = Pick(choices);
        // Refer by absolute name now and then, as Slice allows.
        var local = char.IsUpper(type[0]) && type[0] != 'O' && type[0] != 'V' && !type.StartsWith(":", StringComparison.Ordinal) && !type.StartsWith("M", StringComparison.Ordinal);
        return local && _random.Next(5) == 0 ? $"::{Module}::{type}" : type;
    }

    /// <summary>A literal of <paramref name="type"/>, or null when the type takes no default.</summary>
    public string? Literal(string type)
    {
        var bare = type.StartsWith("::", StringComparison.Ordinal) ? type.Substring(type.LastIndexOf(':') + 1) : type;
        switch (bare)
        {
            case "bool": return _random.Next(2) == 0 ? "true" : "false";
            case "byte": return _random.Next(256).ToString(CultureInfo.InvariantCulture);
            case "short": return (_random.Next(65536) - 32768).ToString(CultureInfo.InvariantCulture);
            case "int": return Pick(new[] { "0", "-2147483648", "2147483647", "0x7f", "017", "42" });
            case "long": return Pick(new[] { "-9223372036854775808", "9223372036854775807", "5", "0xFFFF" });
            case "float": return Pick(new[] { "1.5", "0", "-2.5e3", ".5f", "3" });
            case "double": return Pick(new[] { "1.25", "-1e-300", "7", "2.0" });
            case "string": return Pick(new[] { "\"\"", "\"hello\"", "\"tab\\there\"", "\"\\u00e9t\\u00e9\"", "\"q\\\"uote\"" });
        }
        foreach (var (name, enumerators) in Enums)
        {
            if (name == bare)
            {
                var enumerator = Pick(enumerators);
                return _random.Next(2) == 0 && !name.Contains("::", StringComparison.Ordinal) ? enumerator : name + "::" + enumerator;
            }
        }
        return null;
    }

    private List<string> Members(bool allowOptional, bool keyOnly, int min, List<string>? taken = null)
    {
        var names = new List<string>();
        var tags = new HashSet<int>();
        var count = min + _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            var name = Fresh("m");
            names.Add(name);
            var type = AnyType(keyOnly);
            _text.Append("        ");
            if (_random.Next(6) == 0)
            {
                _text.Append("/// Member ").Append(name).Append(".\n        ");
            }
            if (allowOptional && _random.Next(3) == 0)
            {
                int tag;
                do
                {
                    tag = _random.Next(3) == 0 ? _random.Next(int.MaxValue) : _random.Next(10);
                }
                while (!tags.Add(tag));
                _text.Append("optional(").Append(tag).Append(") ");
            }
            _text.Append(type).Append(' ').Append(name);
            var literal = _random.Next(3) == 0 ? Literal(type) : null;
            if (literal != null)
            {
                _text.Append(" = ").Append(literal);
            }
            _text.Append(";\n");
        }
        taken?.AddRange(names);
        return names;
    }

    private void Struct()
    {
        var (name, reference) = FreshDefinition("S");
        var keyOnly = _random.Next(2) == 0;
        _text.Append("    struct ").Append(name).Append("\n    {\n");
        Members(allowOptional: false, keyOnly, min: 1);
        _text.Append("    ");
        End();
        (keyOnly ? KeyStructs : Structs).Add(reference);
    }

    private void Class()
    {
        var (name, reference) = FreshDefinition("C");
        var members = new List<string>();
        if (_random.Next(4) == 0)
        {
            // Declared first and used before its definition, as forward declarations allow.
            var early = Fresh("Q");
            _text.Append("    class ").Append(name).Append(";\n    sequence<").Append(name).Append("> ").Append(early).Append(";\n");
            Sequences.Add(_scopePrefix + early);
        }
        _text.Append("    class ").Append(name);
        if (_random.Next(3) == 0)
        {
            _text.Append('(').Append(_counter * 10 + _random.Next(10)).Append(')');
        }
        if (Classes.Count > 0 && _random.Next(2) == 0)
        {
            var parent = Pick(Classes);
            members.AddRange(parent.Members);
            _text.Append(" extends ").Append(parent.Name);
        }
        _text.Append("\n    {\n");
        Members(allowOptional: true, keyOnly: false, min: 0, members);
        _text.Append("    ");
        End();
        Classes.Add((reference, members));
    }

    private void Exception()
    {
        var (name, reference) = FreshDefinition("X");
        var members = new List<string>();
        _text.Append("    exception ").Append(name);
        if (Exceptions.Count > 0 && _random.Next(2) == 0)
        {
            var parent = Pick(Exceptions);
            members.AddRange(parent.Members);
            _text.Append(" extends ").Append(parent.Name);
        }
        _text.Append("\n    {\n");
        Members(allowOptional: true, keyOnly: false, min: 0, members);
        _text.Append("    ");
        End();
        Exceptions.Add((reference, members));
    }

    private void Sequence()
    {
        var (name, reference) = FreshDefinition("Q");
        _text.Append("    sequence<").Append(AnyType()).Append("> ").Append(name).Append(";\n");
        Sequences.Add(reference);
    }

    private void Dictionary()
    {
        var (name, reference) = FreshDefinition("D");
        _text.Append("    dictionary<").Append(AnyType(keyOnly: true)).Append(", ").Append(AnyType()).Append("> ").Append(name).Append(";\n");
        Dictionaries.Add(reference);
    }

    private void Constant()
    {
        var (name, reference) = FreshDefinition("K");
        var types = new List<string>(Builtins);
        types.AddRange(Enums.Select(e => e.Name));
        var type = Pick(types);
        var literal = Constants.Any(c => c.Type == type) && _random.Next(3) == 0 ? Constants.Last(c => c.Type == type).Name : Literal(type)!;
        _text.Append("    const ").Append(type).Append(' ').Append(name).Append(" = ").Append(literal).Append(";\n");
        Constants.Add((reference, type));
    }

    private void Interface()
    {
        var (name, reference) = FreshDefinition("I");
        var operations = new List<string>();
        if (_random.Next(4) == 0)
        {
            var early = Fresh("Q");
            _text.Append("    interface ").Append(name).Append(";\n    sequence<").Append(name).Append("*> ").Append(early).Append(";\n");
            Sequences.Add(_scopePrefix + early);
        }
        _text.Append("    ").Append(_random.Next(6) == 0 ? "[\"amd\"] " : "").Append("interface ").Append(name);
        if (Interfaces.Count > 0 && _random.Next(2) == 0)
        {
            var bases = Interfaces.OrderBy(_ => _random.Next()).Take(1 + _random.Next(Math.Min(2, Interfaces.Count))).ToList();
            _text.Append(" extends ").Append(string.Join(", ", bases.Select(b => b.Name)));
            foreach (var b in bases)
            {
                operations.AddRange(b.Operations);
            }
        }
        _text.Append("\n    {\n");
        var count = _random.Next(4);
        for (var i = 0; i < count; i++)
        {
            operations.Add(Operation());
        }
        _text.Append("    ");
        End();
        Interfaces.Add((reference, operations));
    }

    private string Operation()
    {
        var name = Fresh("op");
        var tags = new HashSet<int>();
        _text.Append("        ").Append(_random.Next(5) == 0 ? "idempotent " : "");
        if (_random.Next(4) == 0)
        {
            _text.Append("void ");
        }
        else
        {
            if (_random.Next(4) == 0)
            {
                var tag = _random.Next(5);
                tags.Add(tag);
                _text.Append("optional(").Append(tag).Append(") ");
            }
            _text.Append(AnyType()).Append(' ');
        }
        _text.Append(name).Append('(');
        var parameters = _random.Next(4);
        var outs = _random.Next(parameters + 1);
        for (var i = 0; i < parameters; i++)
        {
            _text.Append(i > 0 ? ", " : "").Append(i >= parameters - outs ? "out " : "");
            if (_random.Next(4) == 0)
            {
                int tag;
                do
                {
                    tag = _random.Next(20);
                }
                while (!tags.Add(tag));
                _text.Append("optional(").Append(tag).Append(") ");
            }
            _text.Append(AnyType()).Append(" p").Append(i);
        }
        _text.Append(')');
        if (Exceptions.Count > 0 && _random.Next(3) == 0)
        {
            _text.Append(" throws ").Append(string.Join(", ", Exceptions.OrderBy(_ => _random.Next()).Take(1 + _random.Next(Exceptions.Count)).Select(e => e.Name)));
        }
        _text.Append(";\n");
        return name;
    }
}
