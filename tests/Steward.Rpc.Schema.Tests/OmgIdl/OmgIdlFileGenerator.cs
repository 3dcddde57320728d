using System.Globalization;
using System.Text;

namespace Steward.Rpc.Schema.Tests.OmgIdl;

/// <summary>
/// Writes random valid OMG IDL files for the cross-check against omniidl: nested and reopened modules,
/// enums, structs, unions on every kind of discriminator (several labels per case, defaults), typedefs
/// with several declarators and arrays, bounded and unbounded strings and sequences, constants with
/// expressions of every type, exceptions, forward-declared interfaces with (multiple) inheritance,
/// attributes, operations (in/out/inout, oneway, raises, context), types nested in interfaces, and the
/// preprocessor (#define, #ifdef, #pragma prefix and version). Every name is unique ignoring case.
/// </summary>
internal sealed class OmgIdlFileGenerator(Random random, int firstNumber = 0)
{
    private readonly StringBuilder _text = new();
    private readonly int _firstNumber = firstNumber;
    private int _counter = firstNumber;

    /// <summary>A usable type: how to spell it, and what it is (for constants and discriminators).</summary>
    private sealed record TypeInfo(string Spelling, string Kind, string[] Enumerators);

    private readonly List<TypeInfo> _types = [];
    private readonly List<(string Name, string Kind)> _constants = [];
    private readonly List<string> _exceptions = [];
    private readonly List<(string Name, List<string> Members)> _interfaces = [];

    /// <summary>Names defined, with their kind (struct, union, enum, typedef, exception, interface, const, enumerator) and scope.</summary>
    public List<(string Name, string Kind, string Scope)> Defined { get; } = [];

    /// <summary>The first (outermost) module, where the defects go.</summary>
    public string OuterModule { get; private set; } = "";
    /// <summary>An interface's scoped name and one of its operations (for the defects that redefine one).</summary>
    public List<(string Interface, string Operation)> Operations { get; } = [];

    /// <summary>Lets this file use what <paramref name="library"/> defines (the file includes it); give this generator a distinct first number.</summary>
    public void Import(OmgIdlFileGenerator library)
    {
        _types.AddRange(library._types);
        _constants.AddRange(library._constants);
        _exceptions.AddRange(library._exceptions);
        _interfaces.AddRange(library._interfaces);
    }

    private string NewName(string prefix) => prefix + (++_counter).ToString(CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static readonly string[] BaseTypes =
    [
        "short", "long", "long long", "unsigned short", "unsigned long", "unsigned long long",
        "float", "double", "char", "wchar", "boolean", "octet", "any", "Object", "string", "wstring",
    ];

    private static string KindOfBase(string type) => type switch
    {
        "short" or "long" or "long long" or "unsigned short" or "unsigned long" or "unsigned long long" or "octet" => "int:" + type,
        "float" or "double" => "float",
        "char" => "char",
        "wchar" => "wchar",
        "boolean" => "boolean",
        "string" => "string",
        "wstring" => "wstring",
        _ => "other",
    };

    public string Generate(int definitions)
    {
        _text.Clear();
        if (random.Next(3) == 0)
        {
            _text.AppendLine($"#pragma prefix \"gen{random.Next(100)}.example\"");
        }
        var guard = "GEN_GUARD_" + _firstNumber.ToString(CultureInfo.InvariantCulture);
        _text.AppendLine("#undef GEN_BOUND");
        _text.AppendLine("#define GEN_BOUND " + (1 + random.Next(20)).ToString(CultureInfo.InvariantCulture));
        _text.AppendLine("#ifndef " + guard);
        _text.AppendLine("#define " + guard);
        var outer = NewName("Mod");
        OuterModule = outer;
        _text.AppendLine($"module {outer} {{");
        for (var i = 0; i < definitions; i++)
        {
            Definition(outer, "  ");
        }
        if (random.Next(2) == 0)
        {
            var inner = NewName("Mod");
            _text.AppendLine($"  module {inner} {{");
            for (var i = 0; i < 1 + random.Next(3); i++)
            {
                Definition(outer + "::" + inner, "    ");
            }
            _text.AppendLine("  };");
        }
        _text.AppendLine("};");
        if (random.Next(2) == 0)
        {
            // The module again: IDL modules reopen.
            _text.AppendLine($"module {outer} {{");
            Definition(outer, "  ");
            _text.AppendLine("};");
        }
        _text.AppendLine("#endif");
        return _text.ToString();
    }

    private void Definition(string scope, string indent)
    {
        switch (random.Next(9))
        {
            case 0: Enum(scope, indent); break;
            case 1: Struct(scope, indent); break;
            case 2: Union(scope, indent); break;
            case 3: Typedef(scope, indent); break;
            case 4: Constant(scope, indent); break;
            case 5: Exception(scope, indent); break;
            default: Interface(scope, indent); break;
        }
    }

    private void Enum(string scope, string indent)
    {
        var name = NewName("En");
        var enumerators = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => NewName("ev")).ToArray();
        _text.AppendLine($"{indent}enum {name} {{ {string.Join(", ", enumerators)} }};");
        Defined.Add((name, "enum", scope));
        foreach (var enumerator in enumerators)
        {
            Defined.Add((enumerator, "enumerator", scope));
        }
        _types.Add(new TypeInfo("::" + scope + "::" + name, "enum", enumerators.Select(e => "::" + scope + "::" + e).ToArray()));
    }

    /// <summary>A type for a member or typedef: base, bounded string, sequence, or one defined before.</summary>
    private string MemberType(int depth = 0)
    {
        switch (random.Next(depth > 0 ? 3 : 6))
        {
            case 0: return Pick(BaseTypes);
            case 1 when _types.Count > 0: return Pick(_types).Spelling;
            case 2: return random.Next(2) == 0 ? "string<GEN_BOUND>" : $"wstring<{1 + random.Next(9)}>";
            case 3: return $"sequence<{Spaced(MemberType(depth + 1))}>";
            case 4: return $"sequence<{MemberType(depth + 1)}, {1 + random.Next(30)}>";
            default: return Pick(BaseTypes);
        }
    }

    /// <summary>A nested template's closing '>' needs a space before the outer one: '>>' is the shift operator.</summary>
    private static string Spaced(string type) => type.EndsWith('>') ? type + " " : type;

    private string Declarator()
    {
        var name = NewName("f");
        return random.Next(5) == 0 ? name + $"[{1 + random.Next(4)}]" + (random.Next(3) == 0 ? $"[{1 + random.Next(3)}]" : "") : name;
    }

    private void Members(string indent, bool allowEmpty)
    {
        var count = (allowEmpty ? 0 : 1) + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            var declarators = Enumerable.Range(0, 1 + (random.Next(4) == 0 ? 1 : 0)).Select(_ => Declarator());
            _text.AppendLine($"{indent}  {MemberType()} {string.Join(", ", declarators)};");
        }
    }

    private void Struct(string scope, string indent)
    {
        var name = NewName("St");
        _text.AppendLine($"{indent}struct {name} {{");
        Members(indent, allowEmpty: false);
        _text.AppendLine($"{indent}}};");
        Defined.Add((name, "struct", scope));
        _types.Add(new TypeInfo("::" + scope + "::" + name, "struct", []));
    }

    private void Exception(string scope, string indent)
    {
        var name = NewName("Ex");
        _text.AppendLine($"{indent}exception {name} {{");
        Members(indent, allowEmpty: true);
        _text.AppendLine($"{indent}}};");
        Defined.Add((name, "exception", scope));
        _exceptions.Add("::" + scope + "::" + name);
    }

    private void Union(string scope, string indent)
    {
        var name = NewName("Un");
        var enums = _types.Where(t => t.Kind == "enum").ToList();
        var choice = random.Next(5);
        string discriminator;
        List<string> labels;
        if (choice == 0 && enums.Count > 0)
        {
            var e = Pick(enums);
            discriminator = e.Spelling;
            labels = [.. e.Enumerators];
        }
        else if (choice == 1)
        {
            discriminator = "boolean";
            labels = ["TRUE", "FALSE"];
        }
        else if (choice == 2)
        {
            discriminator = "char";
            labels = ["'a'", "'b'", "'\\n'", "'Z'", "'\\x41'"];
        }
        else
        {
            discriminator = Pick(new[] { "short", "long", "unsigned short", "unsigned long", "long long", "unsigned long long" });
            labels = Enumerable.Range(0, 6).Select(i => (i * 3 + random.Next(3)).ToString(CultureInfo.InvariantCulture)).Distinct().ToList();
            if (!discriminator.StartsWith("unsigned", StringComparison.Ordinal) && random.Next(2) == 0)
            {
                labels.Add("-1");
                labels.Add("(1 << 5) - 2 * 3");
            }
        }
        labels = labels.OrderBy(_ => random.Next()).ToList();
        var used = 1 + random.Next(labels.Count);
        var cases = new List<List<string>>();
        for (var i = 0; i < used;)
        {
            var take = Math.Min(used - i, 1 + (random.Next(3) == 0 ? 1 : 0));
            cases.Add(labels.Skip(i).Take(take).ToList());
            i += take;
        }
        var withDefault = used < labels.Count && random.Next(2) == 0;
        _text.AppendLine($"{indent}union {name} switch ({discriminator}) {{");
        foreach (var labelSet in cases)
        {
            _text.AppendLine($"{indent}  {string.Join(" ", labelSet.Select(l => $"case {l}:"))} {MemberType()} {Declarator()};");
        }
        if (withDefault)
        {
            _text.AppendLine($"{indent}  default: {MemberType()} {Declarator()};");
        }
        _text.AppendLine($"{indent}}};");
        Defined.Add((name, "union", scope));
        _types.Add(new TypeInfo("::" + scope + "::" + name, "union", []));
    }

    private void Typedef(string scope, string indent)
    {
        var type = MemberType();
        var names = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => NewName("Td")).ToList();
        var declarators = names.Select(n => random.Next(4) == 0 ? n + $"[{1 + random.Next(5)}]" : n).ToList();
        _text.AppendLine($"{indent}typedef {type} {string.Join(", ", declarators)};");
        for (var i = 0; i < names.Count; i++)
        {
            Defined.Add((names[i], "typedef", scope));
            var kind = declarators[i].Contains('[', StringComparison.Ordinal) ? "array" : KindOfBase(type);
            _types.Add(new TypeInfo("::" + scope + "::" + names[i], kind, []));
        }
    }

    private void Constant(string scope, string indent)
    {
        var name = NewName("Kc");
        var (type, value, kind) = random.Next(8) switch
        {
            0 => ("long", IntegerExpression(-1000, 1000, "int:long"), "int:long"),
            1 => ("unsigned short", IntegerExpression(0, 60000, "int:unsigned short"), "int:unsigned short"),
            2 => ("long long", IntegerExpression(-100000, 100000, "int:long long"), "int:long long"),
            3 => ("double", $"{random.Next(100)}.{random.Next(100)} * 2.0 - 1.5e1", "float"),
            4 => ("char", Pick(new[] { "'x'", "'\\t'", "'\\101'" }), "char"),
            5 => ("string", "\"gen\" \"erated\\n\"", "string"),
            6 => ("boolean", Pick(new[] { "TRUE", "FALSE" }), "boolean"),
            _ => ("octet", IntegerExpression(0, 255, "int:octet"), "int:octet"),
        };
        var enums = _types.Where(t => t.Kind == "enum").ToList();
        if (random.Next(6) == 0 && enums.Count > 0)
        {
            var e = Pick(enums);
            (type, value, kind) = (e.Spelling, Pick(e.Enumerators), "enum");
        }
        _text.AppendLine($"{indent}const {type} {name} = {value};");
        Defined.Add((name, "const", scope));
        _constants.Add(("::" + scope + "::" + name, kind));
    }

    /// <summary>An integer expression whose value lies in [min, max], using earlier constants of the same kind.</summary>
    private string IntegerExpression(int min, int max, string kind)
    {
        var a = random.Next(Math.Max(min, 0), Math.Min(max, 64) + 1);
        var b = 1 + random.Next(7);
        var previous = _constants.Where(c => c.Kind == kind).ToList();
        return random.Next(6) switch
        {
            0 => $"({a} | {b}) ^ {b & a}",
            1 => $"{a} / {b} + {a} % {b}",
            2 => $"(~{a} & 0xF) << 2",
            3 => previous.Count > 0 ? Pick(previous).Name : $"0{Convert.ToString(a, 8)}",
            4 => $"0x{a:X} >> 1",
            _ => min < 0 ? $"-{a} * {b}" : $"{a} * {b} - {a}",
        };
    }

    private string ParamType()
    {
        var named = _types.Where(t => t.Kind != "array").ToList();
        return random.Next(3) == 0 && named.Count > 0 ? Pick(named).Spelling : Pick(BaseTypes.Append("string<8>").ToArray());
    }

    private void Interface(string scope, string indent)
    {
        var name = NewName("If");
        var bases = _interfaces.Count > 0 && random.Next(2) == 0
            ? _interfaces.OrderBy(_ => random.Next()).Take(1 + random.Next(Math.Min(2, _interfaces.Count))).ToList()
            : [];
        var isAbstract = bases.Count == 0 && random.Next(8) == 0;
        if (!isAbstract && random.Next(3) == 0)
        {
            _text.AppendLine($"{indent}interface {name};");
        }
        _text.AppendLine($"{indent}{(isAbstract ? "abstract " : "")}interface {name}{(bases.Count > 0 ? " : " + string.Join(", ", bases.Select(b => b.Name)) : "")} {{");
        var members = new List<string>();
        for (var i = 0; i < 1 + random.Next(5); i++)
        {
            switch (random.Next(7))
            {
                case 0:
                    var attribute = NewName("at");
                    var more = random.Next(3) == 0 ? ", " + NewName("at") : "";
                    _text.AppendLine($"{indent}  {(random.Next(2) == 0 ? "readonly " : "")}attribute {ParamType()} {attribute}{more};");
                    members.Add(attribute);
                    break;
                case 1:
                    var oneway = NewName("op");
                    var inputs = Enumerable.Range(0, random.Next(3)).Select(_ => $"in {ParamType()} {NewName("p")}");
                    _text.AppendLine($"{indent}  oneway void {oneway}({string.Join(", ", inputs)});");
                    members.Add(oneway);
                    break;
                case 2:
                    var nested = NewName("St");
                    _text.AppendLine($"{indent}  struct {nested} {{ {Pick(BaseTypes)} {NewName("f")}; }};");
                    _text.AppendLine($"{indent}  const long {NewName("Kc")} = {random.Next(100)};");
                    Defined.Add((nested, "struct", scope + "::" + name));
                    _types.Add(new TypeInfo("::" + scope + "::" + name + "::" + nested, "struct", []));
                    break;
                default:
                    var op = NewName("op");
                    var returns = random.Next(3) == 0 ? "void" : ParamType();
                    var parameters = Enumerable.Range(0, random.Next(4)).Select(_ => $"{Pick(new[] { "in", "out", "inout" })} {ParamType()} {NewName("p")}");
                    var raises = _exceptions.Count > 0 && random.Next(2) == 0
                        ? " raises (" + string.Join(", ", _exceptions.OrderBy(_ => random.Next()).Take(1 + random.Next(Math.Min(2, _exceptions.Count)))) + ")"
                        : "";
                    var context = random.Next(8) == 0 ? " context (\"ctx\", \"a.b*\")" : "";
                    _text.AppendLine($"{indent}  {returns} {op}({string.Join(", ", parameters)}){raises}{context};");
                    members.Add(op);
                    Operations.Add(("::" + scope + "::" + name, op));
                    break;
            }
        }
        _text.AppendLine($"{indent}}};");
        if (random.Next(5) == 0)
        {
            _text.AppendLine($"#pragma version {name} {1 + random.Next(3)}.{random.Next(10)}");
        }
        Defined.Add((name, "interface", scope));
        _interfaces.Add(("::" + scope + "::" + name, members));
        _types.Add(new TypeInfo("::" + scope + "::" + name, "interface", []));
    }

    /// <summary>The scoped name of a definition of <paramref name="kind"/>, or null.</summary>
    public string? Any(string kind)
    {
        var names = Defined.Where(d => d.Kind == kind).Select(d => "::" + d.Scope + "::" + d.Name).ToList();
        return names.Count == 0 ? null : Pick(names);
    }

    /// <summary>The simple name of a definition of <paramref name="kind"/> directly in the outer module, or null.</summary>
    public string? Local(string kind)
    {
        var names = Defined.Where(d => d.Kind == kind && d.Scope == OuterModule).Select(d => d.Name).ToList();
        return names.Count == 0 ? null : Pick(names);
    }
}
