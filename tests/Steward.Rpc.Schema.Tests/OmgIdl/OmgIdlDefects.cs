namespace Steward.Rpc.Schema.Tests.OmgIdl;

/// <summary>
/// One defect each, added to a valid generated file, that omniidl rejects; the cross-check expects the
/// front-end to reject the file too. Constructs Steward refuses but omniidl accepts (valuetypes,
/// native, fixed, long double) are not here: the files would be judged differently on purpose.
/// </summary>
internal static class OmgIdlDefects
{
    /// <summary>Each defect as a snippet placed at the end of the file's outer module, or appended to the file when AtEnd.</summary>
    public static readonly (string Name, Func<OmgIdlFileGenerator, string> Snippet, bool AtEnd)[] All =
    [
        ("undefined type", _ => "struct BadA { Nowhere1 f; };", false),
        ("undefined scoped name", _ => "typedef ::Nope::T BadA;", false),
        ("redefinition", g => $"typedef long {g.Local("struct") ?? g.Local("enum") ?? g.Local("interface") ?? "BadA"}; typedef short BadA; typedef long BadA;", false),
        ("case clash", _ => "typedef long BadCase; typedef short badcase;", false),
        ("keyword as identifier", _ => "typedef long interface;", false),
        ("keyword in other capitals", _ => "typedef long Module;", false),
        ("duplicate union label", _ => "union BadU switch (long) { case 1: long a; case 1: long b; };", false),
        ("union label of wrong type", _ => "union BadU switch (boolean) { case 1: long a; };", false),
        ("union label out of range", _ => "union BadU switch (unsigned short) { case -1: long a; };", false),
        ("union label not an enumerator", g => g.Any("enumerator") is { } e ? $"enum BadE {{ bad1 }}; union BadU switch (BadE) {{ case {e}: long a; }};" : "union BadU switch (char) { case 1: long a; };", false),
        ("union default with every label", _ => "union BadU switch (boolean) { case TRUE: long a; case FALSE: long b; default: long c; };", false),
        ("union on octet", _ => "union BadU switch (octet) { case 1: long a; };", false),
        ("union on float", _ => "union BadU switch (float) { case 1: long a; };", false),
        ("two defaults", _ => "union BadU switch (long) { default: long a; case 1: long b; default: long c; };", false),
        ("oneway with out", _ => "interface BadI { oneway void f(out long x); };", false),
        ("oneway with inout", _ => "interface BadI { oneway void f(inout long x); };", false),
        ("oneway returning a value", _ => "interface BadI { oneway long f(); };", false),
        ("oneway with raises", g => g.Any("exception") is { } x ? $"interface BadI {{ oneway void f() raises ({x}); }};" : "interface BadI { oneway long f(); };", false),
        ("const out of range", _ => "const short BadK = 40000;", false),
        ("negative unsigned const", _ => "const unsigned long BadK = -1;", false),
        ("octet const too large", _ => "const octet BadK = 256;", false),
        ("division by zero", _ => "const long BadK = 1 / (2 - 2);", false),
        ("shift too far", _ => "const long long BadK = 1 << 64;", false),
        ("integer and float mixed", _ => "const double BadK = 1 + 2.0;", false),
        ("string for a long", _ => "const long BadK = \"x\";", false),
        ("integer for a char", _ => "const char BadK = 65;", false),
        ("narrow char for a wchar", _ => "const wchar BadK = 'a';", false),
        ("integer for a boolean", _ => "const boolean BadK = 1;", false),
        ("float for a long", _ => "const long BadK = 1.5;", false),
        ("bounded string constant too long", _ => "const string<2> BadK = \"abc\";", false),
        ("enumerator of another enum", g => g.Any("enumerator") is { } e ? $"enum BadE {{ bad1 }}; const BadE BadK = {e};" : "const long BadK = TRUE;", false),
        ("empty struct", _ => "struct BadS { };", false),
        ("empty module", _ => "module BadM { };", false),
        ("empty enum", _ => "enum BadE { };", false),
        ("duplicate enumerator", _ => "enum BadE { bad1, bad1 };", false),
        ("duplicate member", _ => "struct BadS { long a; short a; };", false),
        ("member named like its struct", _ => "struct BadS { long bads; };", false),
        ("member clashing with a type it uses", _ => "struct BadT { long a; }; struct BadS { BadT badt; };", false),
        ("struct containing itself", _ => "struct BadS { BadS next; };", false),
        ("incomplete struct as member", _ => "struct BadF; struct BadS { BadF f; };", false),
        ("exception as member type", g => g.Any("exception") is { } x ? $"struct BadS {{ {x} f; }};" : "struct BadS { BadS f; };", false),
        ("missing semicolon", _ => "struct BadS { long a; }", false),
        ("missing member type", _ => "struct BadS { a; };", false),
        ("inheriting a forward declaration", _ => "interface BadF; interface BadI : BadF { };", false),
        ("inheriting a struct", g => g.Any("struct") is { } s ? $"interface BadI : {s} {{ }};" : "interface BadI : BadI { };", false),
        ("inheriting one base twice", g => g.Any("interface") is { } i ? $"interface BadI : {i}, {i} {{ }};" : "interface BadI : BadI { };", false),
        ("redefining an inherited operation", g => g.Operations.Count > 0 ? $"interface BadI : {g.Operations[0].Interface} {{ void {g.Operations[0].Operation}(); }};" : "interface BadI { void f(); void f(); };", false),
        ("operations differing in case", _ => "interface BadI { void f(); void F(); };", false),
        ("duplicate parameter", _ => "interface BadI { void f(in long a, in short a); };", false),
        ("parameter without direction", _ => "interface BadI { void f(long a); };", false),
        ("sequence parameter", _ => "interface BadI { void f(in sequence<long> a); };", false),
        ("raising a struct", g => g.Any("struct") is { } s ? $"interface BadI {{ void f() raises ({s}); }};" : "interface BadI { void f() raises (Nothing1); };", false),
        ("attribute with raises", g => g.Any("exception") is { } x ? $"interface BadI {{ readonly attribute long a raises ({x}); }};" : "interface BadI { attribute long a getraises (X); };", false),
        ("interface defined twice", _ => "interface BadI { }; interface BadI { };", false),
        ("zero sequence bound", _ => "typedef sequence<long, 0> BadT;", false),
        ("zero array size", _ => "typedef long BadT[0];", false),
        ("negative string bound", _ => "typedef string<-1> BadT;", false),
        ("typeprefix", _ => "typeprefix BadM \"x.org\";", false),
        ("invalid character", _ => "const long BadK = 1 $ 2;", false),
        ("unterminated string", _ => "const string BadK = \"abc;\n", false),
        ("unterminated comment", _ => "/* never closed", true),
        ("missing include", _ => "#include \"missing-file.idl\"", true),
        ("#error", _ => "#error defect", true),
        ("unbalanced #endif", _ => "#endif", true),
        ("unterminated #if", _ => "#ifdef GEN_BOUND\ntypedef long BadT;", true),
        ("junk after the last module", _ => "module", true),
        ("macro expanding to nothing usable", _ => "#define BAD_EMPTY\ntypedef string<BAD_EMPTY> BadT;", false),
    ];

    /// <summary>The file with the defect <paramref name="name"/> added.</summary>
    public static string Apply(string name, string text, OmgIdlFileGenerator generator)
    {
        var (_, snippet, atEnd) = All.Single(d => d.Name == name);
        var code = snippet(generator);
        if (atEnd)
        {
            return text + code + "\n";
        }
        // The outer module closes with the first "};" at the start of a line.
        var close = text.IndexOf("\n};\n", StringComparison.Ordinal);
        return text.Substring(0, close + 1) + "  " + code + "\n" + text.Substring(close + 1);
    }
}
