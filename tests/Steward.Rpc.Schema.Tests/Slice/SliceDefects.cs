namespace Steward.Rpc.Schema.Tests.Slice;

/// <summary>
/// One defect each, written as an extra definition at the end of a generated module (or a change to
/// the whole text) and using the generated names, so every kind of check meets varied surroundings.
/// Whether a defect really is one is ZeroC's compilers' call: the cross-check only compares verdicts.
/// </summary>
internal static class SliceDefects
{
    /// <summary>Each takes the generator (for the names it defined) and returns the defective text, or null when it does not apply.</summary>
    public static readonly (string Name, Func<SliceFileGenerator, string?> Make)[] All =
    {
        ("keyword as member", g => "struct Bad { int module; };"),
        ("keyword as operation", g => "interface Bad { void class(); };"),
        ("escaped keyword (valid)", g => "struct Fine { int \\module; string \\interface; };"),
        ("case conflict of members", g => "struct Bad { int abc; long Abc; };"),
        ("case conflict of types", g => g.Structs.Count + g.KeyStructs.Count == 0 ? null : $"struct {Lower(g.Structs.Concat(g.KeyStructs).First())} {{ int a; }};"),
        ("reserved Prx suffix", g => "struct BadPrx { int a; };"),
        ("reserved Helper suffix", g => "class Bad { int valueHelper; };"),
        ("reserved Ice prefix", g => "struct Icebox { int a; };"),
        ("reserved ice prefix on a parameter", g => "interface Bad { void f(int iceValue); };"),
        ("underscore", g => "struct Bad { int a_b; };"),
        ("redefinition", g => g.Interfaces.Count == 0 ? null : $"struct {g.Interfaces[0].Name} {{ int a; }};"),
        ("redefinition of a sequence", g => g.Sequences.Count == 0 ? null : $"sequence<int> {g.Sequences[0]};"),
        ("undefined type", g => "struct Bad { Nowhere a; };"),
        ("use before definition", g => "struct Bad { Later a; }; struct Later { int x; };"),
        ("forward class used before definition (valid)", g => "class Later; struct Fine { Later a; }; class Later { int x; };"),
        ("duplicate tag", g => "class Bad { optional(3) int a; optional(3) string b; };"),
        ("tag out of range", g => "class Bad { optional(2147483648) int a; };"),
        ("negative tag", g => "exception Bad { optional(-1) int a; };"),
        ("optional in struct", g => "struct Bad { optional(1) int a; };"),
        ("optional class member (valid)", g => g.Classes.Count == 0 ? null : $"class Fine {{ optional(1) {g.Classes[0].Name} a; }};"),
        ("float dictionary key", g => "dictionary<float, int> Bad;"),
        ("class dictionary key", g => g.Classes.Count == 0 ? null : $"dictionary<{g.Classes[0].Name}, int> Bad;"),
        ("proxy dictionary key", g => g.Interfaces.Count == 0 ? null : $"dictionary<{g.Interfaces[0].Name}*, int> Bad;"),
        ("struct with a double as key", g => "struct Dk { double d; }; dictionary<Dk, string> Bad;"),
        ("sequence as key (deprecated, valid)", g => "sequence<int> Ks; dictionary<Ks, string> Fine;"),
        ("exception as member", g => g.Exceptions.Count == 0 ? null : $"struct Bad {{ {g.Exceptions[0].Name} e; }};"),
        ("exception as sequence element", g => g.Exceptions.Count == 0 ? null : $"sequence<{g.Exceptions[0].Name}> Bad;"),
        ("exception as parameter", g => g.Exceptions.Count == 0 ? null : $"interface Bad {{ void f({g.Exceptions[0].Name} e); }};"),
        ("interface extends a class", g => g.Classes.Count == 0 ? null : $"interface Bad extends {g.Classes[0].Name} {{ }};"),
        ("class extends an interface", g => g.Interfaces.Count == 0 ? null : $"class Bad extends {g.Interfaces[0].Name} {{ }};"),
        ("exception extends a struct", g => g.Structs.Count + g.KeyStructs.Count == 0 ? null : $"exception Bad extends {g.Structs.Concat(g.KeyStructs).First()} {{ }};"),
        ("class extends two classes", g => g.Classes.Count < 2 ? null : $"class Bad extends {g.Classes[0].Name}, {g.Classes[1].Name} {{ }};"),
        ("class extends a forward declaration", g => "class Fwd; class Bad extends Fwd { };"),
        ("duplicate enumerator value", g => "enum Bad { Ba = 2, Bb = 1, Bc };"),
        ("negative enumerator", g => "enum Bad { Ba = -1 };"),
        ("enumerator too large", g => "enum Bad { Ba = 2147483648 };"),
        ("empty enum", g => "enum Bad { };"),
        ("empty struct", g => "struct Bad { };"),
        ("byte constant out of range", g => "const byte Bad = 256;"),
        ("short constant out of range", g => "const short Bad = -32769;"),
        ("int constant out of range", g => "const int Bad = 2147483648;"),
        ("long constant out of range", g => "const long Bad = 9223372036854775808;"),
        ("string constant of a number", g => "const string Bad = 5;"),
        ("bool constant of a number", g => "const bool Bad = 0;"),
        ("int constant of a float", g => "const int Bad = 1.5;"),
        ("float constant of a string", g => "const double Bad = \"x\";"),
        ("constant of a struct type", g => g.Structs.Count + g.KeyStructs.Count == 0 ? null : $"const {g.Structs.Concat(g.KeyStructs).First()} Bad = 1;"),
        ("constant naming an undefined constant", g => "const int Bad = Nowhere;"),
        ("constant from another constant (valid)", g => "const long Kbase = 7; const long Fine = Kbase;"),
        ("enum constant of another enum", g => g.Enums.Count == 0 ? null : $"enum Other {{ Oa }}; const {g.Enums[0].Name} Bad = Oa;"),
        ("default of a sequence member", g => g.Sequences.Count == 0 ? null : $"struct Bad {{ {g.Sequences[0]} q = 1; }};"),
        ("default out of range", g => "struct Bad { byte b = 300; };"),
        ("default of the wrong kind", g => "class Bad { string s = 5; };"),
        ("default of another enum's enumerator", g => g.Enums.Count == 0 ? null : $"enum Other {{ Oa }}; struct Bad {{ {g.Enums[0].Name} e = Oa; }};"),
        ("duplicate operation", g => "interface Bad { void f(); void f(); };"),
        ("operations differing in case", g => "interface Bad { void f(); int F(); };"),
        ("operation redefined from a base", g => g.Interfaces.Any(i => i.Operations.Count > 0) ? $"interface Bad extends {g.Interfaces.First(i => i.Operations.Count > 0).Name} {{ void {g.Interfaces.First(i => i.Operations.Count > 0).Operations[0]}(); }};" : null),
        ("member redefined from a base class", g => g.Classes.Any(c => c.Members.Count > 0) ? $"class Bad extends {g.Classes.First(c => c.Members.Count > 0).Name} {{ int {g.Classes.First(c => c.Members.Count > 0).Members[0]}; }};" : null),
        ("member redefined from a base exception", g => g.Exceptions.Any(c => c.Members.Count > 0) ? $"exception Bad extends {g.Exceptions.First(c => c.Members.Count > 0).Name} {{ int {g.Exceptions.First(c => c.Members.Count > 0).Members[0]}; }};" : null),
        ("duplicate parameter", g => "interface Bad { void f(int a, string a); };"),
        ("in parameter after out", g => "interface Bad { void f(out int a, int b); };"),
        ("duplicate parameter tag", g => "interface Bad { optional(2) int f(optional(2) int a); };"),
        ("throws a struct", g => g.Structs.Count + g.KeyStructs.Count == 0 ? null : $"interface Bad {{ void f() throws {g.Structs.Concat(g.KeyStructs).First()}; }};"),
        ("throws an undefined name", g => "interface Bad { void f() throws Nowhere; };"),
        ("throws one exception twice", g => g.Exceptions.Count == 0 ? null : $"interface Bad {{ void f() throws {g.Exceptions[0].Name}, {g.Exceptions[0].Name}; }};"),
        ("proxy of a struct", g => g.Structs.Count + g.KeyStructs.Count == 0 ? null : $"struct Bad {{ {g.Structs.Concat(g.KeyStructs).First()}* p; }};"),
        ("proxy of a class (deprecated, valid)", g => g.Classes.Count == 0 ? null : $"struct Fine {{ {g.Classes[0].Name}* p; }};"),
        ("interface by value (deprecated, valid)", g => g.Interfaces.Count == 0 ? null : $"struct Fine {{ {g.Interfaces[0].Name} p; }};"),
        ("struct containing itself", g => "struct Bad { int a; Bad b; };"),
        ("duplicate compact id", g => "class Bad(7777) { }; class Bad2(7777) { };"),
        ("negative compact id", g => "class Bad(-3) { };"),
        ("missing semicolon after a member", g => "struct Bad { int a }"),
        ("missing semicolon after a sequence", g => "sequence<int> Bad"),
        ("missing closing brace", g => "struct Bad { int a;"),
        ("stray token", g => "struct Bad { int a; } ]"),
        ("void parameter", g => "interface Bad { void f(void a); };"),
        ("local type in a non-local struct", g => "local interface Lc { void f(); }; struct Bad { Lc l; };"),
        ("local definitions (valid)", g => "local interface Lf { void f(); }; local class Lg { Lf l; };"),
        ("metadata everywhere (valid)", g => "[\"amd\"] interface Fine { [\"format:sliced\"] idempotent string f([\"cs:generic:List\"] int a); };"),
        ("unterminated string", g => "const string Bad = \"abc;"),
        ("unterminated comment", g => "/* never closed"),
        ("bad character", g => "struct Bad { int a; } @"),
        ("ambiguous multiple inheritance", g => "interface Ia { void same(); }; interface Ib { void same(); }; interface Bad extends Ia, Ib { };"),
        ("diamond inheritance (valid)", g => "interface Ia { void same(); }; interface Ib extends Ia { }; interface Ic extends Ia { }; interface Fine extends Ib, Ic { };"),
        ("class operation named like a base member", g => g.Classes.Any(c => c.Members.Count > 0) ? $"class Bad extends {g.Classes.First(c => c.Members.Count > 0).Name} {{ void {g.Classes.First(c => c.Members.Count > 0).Members[0]}(); }};" : null),
        ("local exception thrown by a remote interface", g => "local exception Lx { }; interface Bad { void f() throws Lx; };"),
        ("enumerator valued by a constant (valid)", g => "const int Kv = 4; enum Fine { Fa, Fb = Kv, Fc };"),
        ("enumerator valued by a string constant", g => "const string Kv = \"x\"; enum Bad { Ba = Kv };"),
        ("tag from a constant (valid)", g => "const short Kt = 9; class Fine { optional(Kt) int a; };"),
        ("octal escape out of range", g => "const string Bad = \"\\400\";"),
        ("escapes that are not UTF-8", g => "const string Bad = \"\\xff\";"),
        ("escapes that are UTF-8 (valid)", g => "const string Fine = \"\\xc3\\xa9\\u00e9\";"),
        ("a sign apart from its number", g => "const int Bad = - 5;"),
        ("upper-case hex prefix", g => "const int Bad = 0X10;"),
        ("octal prefix stops at 8 (valid)", g => "const int Fine = 0789;"),
        ("float overflow", g => "const double Bad = 1e999;"),
        ("empty metadata", g => "[] struct Bad { int a; };"),
        ("metadata on an enumerator", g => "enum Bad { [\"x\"] Ba };"),
        ("empty enumerators (valid)", g => "enum Fine { , Fa,, Fb, };"),
        ("unknown pragma", g => "#pragma pack(1)"),
        ("file metadata after a definition", g => null),
        ("definition outside a module", g => null),
        ("#error directive", g => "#error not allowed"),
        ("#ifdef around a definition (valid)", g => "#ifdef NOTDEFINED\nstruct Bad { nonsense };\n#else\nstruct Fine { int a; };\n#endif"),
        ("unbalanced #endif", g => "#endif"),
        ("undefined include", g => null),
    };

    private static string Lower(string name) => name.ToLowerInvariant();

    /// <summary>The text with the defect applied: most go before the module's closing brace.</summary>
    public static string Apply(string name, string text, SliceFileGenerator generator)
    {
        switch (name)
        {
            case "definition outside a module":
                return text + "struct Outside { int a; };\n";
            case "file metadata after a definition":
                return text + "[[\"python:pkgdir:late\"]]\n";
            case "undefined include":
                return "#include \"missing/nowhere.ice\"\n" + text;
        }
        var definition = All.Single(d => d.Name == name).Make(generator);
        if (definition == null)
        {
            return text;
        }
        var close = text.LastIndexOf('}');
        return text.Substring(0, close) + "    " + definition + "\n" + text.Substring(close);
    }
}
