using Steward.Rpc.Schema.OmgIdl;
using static Steward.Rpc.Schema.Tests.OmgIdl.OmgIdlTestSupport;

namespace Steward.Rpc.Schema.Tests.OmgIdl;

/// <summary>Every defect of the cross-check is rejected for its own reason: the stable code it should have, at the defect.</summary>
public class OmgIdlDefectDiagnosticTests
{
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["undefined type"] = OmgIdlDiagnostics.UndefinedName,
        ["undefined scoped name"] = OmgIdlDiagnostics.UndefinedName,
        ["redefinition"] = OmgIdlDiagnostics.Redefinition,
        ["case clash"] = OmgIdlDiagnostics.CaseConflict,
        ["keyword as identifier"] = OmgIdlDiagnostics.SyntaxError,
        ["keyword in other capitals"] = OmgIdlDiagnostics.CaseConflict,
        ["duplicate union label"] = OmgIdlDiagnostics.UnionLabel,
        ["union label of wrong type"] = OmgIdlDiagnostics.UnionLabel,
        ["union label out of range"] = OmgIdlDiagnostics.UnionLabel,
        ["union label not an enumerator"] = OmgIdlDiagnostics.UnionLabel,
        ["union default with every label"] = OmgIdlDiagnostics.UnionLabel,
        ["union on octet"] = OmgIdlDiagnostics.UnionLabel,
        ["union on float"] = OmgIdlDiagnostics.UnionLabel,
        ["two defaults"] = OmgIdlDiagnostics.UnionLabel,
        ["oneway with out"] = OmgIdlDiagnostics.IllegalOneway,
        ["oneway with inout"] = OmgIdlDiagnostics.IllegalOneway,
        ["oneway returning a value"] = OmgIdlDiagnostics.IllegalOneway,
        ["oneway with raises"] = OmgIdlDiagnostics.IllegalOneway,
        ["const out of range"] = OmgIdlDiagnostics.ConstantValue,
        ["negative unsigned const"] = OmgIdlDiagnostics.ConstantValue,
        ["octet const too large"] = OmgIdlDiagnostics.ConstantValue,
        ["division by zero"] = OmgIdlDiagnostics.ConstantValue,
        ["shift too far"] = OmgIdlDiagnostics.ConstantValue,
        ["integer and float mixed"] = OmgIdlDiagnostics.ConstantValue,
        ["string for a long"] = OmgIdlDiagnostics.ConstantValue,
        ["integer for a char"] = OmgIdlDiagnostics.ConstantValue,
        ["narrow char for a wchar"] = OmgIdlDiagnostics.ConstantValue,
        ["integer for a boolean"] = OmgIdlDiagnostics.ConstantValue,
        ["float for a long"] = OmgIdlDiagnostics.ConstantValue,
        ["bounded string constant too long"] = OmgIdlDiagnostics.ConstantValue,
        ["enumerator of another enum"] = OmgIdlDiagnostics.ConstantValue,
        ["empty struct"] = OmgIdlDiagnostics.SyntaxError,
        ["empty module"] = OmgIdlDiagnostics.SyntaxError,
        ["empty enum"] = OmgIdlDiagnostics.SyntaxError,
        ["duplicate enumerator"] = OmgIdlDiagnostics.Redefinition,
        ["duplicate member"] = OmgIdlDiagnostics.Redefinition,
        ["member named like its struct"] = OmgIdlDiagnostics.Redefinition,
        ["member clashing with a type it uses"] = OmgIdlDiagnostics.Redefinition,
        ["struct containing itself"] = OmgIdlDiagnostics.Recursive,
        ["incomplete struct as member"] = OmgIdlDiagnostics.Incomplete,
        ["exception as member type"] = OmgIdlDiagnostics.WrongKind,
        ["missing semicolon"] = OmgIdlDiagnostics.SyntaxError,
        ["missing member type"] = OmgIdlDiagnostics.SyntaxError,
        ["inheriting a forward declaration"] = OmgIdlDiagnostics.IllegalInheritance,
        ["inheriting a struct"] = OmgIdlDiagnostics.WrongKind,
        ["inheriting one base twice"] = OmgIdlDiagnostics.IllegalInheritance,
        ["redefining an inherited operation"] = OmgIdlDiagnostics.DuplicateMember,
        ["operations differing in case"] = OmgIdlDiagnostics.CaseConflict,
        ["duplicate parameter"] = OmgIdlDiagnostics.Redefinition,
        ["parameter without direction"] = OmgIdlDiagnostics.SyntaxError,
        ["sequence parameter"] = OmgIdlDiagnostics.SyntaxError,
        ["raising a struct"] = OmgIdlDiagnostics.IllegalRaises,
        ["attribute with raises"] = OmgIdlDiagnostics.Unsupported,
        ["interface defined twice"] = OmgIdlDiagnostics.Redefinition,
        ["zero sequence bound"] = OmgIdlDiagnostics.InvalidBound,
        ["zero array size"] = OmgIdlDiagnostics.InvalidBound,
        ["negative string bound"] = OmgIdlDiagnostics.InvalidBound,
        ["typeprefix"] = OmgIdlDiagnostics.Unsupported,
        ["invalid character"] = OmgIdlDiagnostics.InvalidCharacter,
        ["unterminated string"] = OmgIdlDiagnostics.InvalidLiteral,
        ["unterminated comment"] = OmgIdlDiagnostics.UnterminatedComment,
        ["missing include"] = OmgIdlDiagnostics.IncludeNotFound,
        ["#error"] = OmgIdlDiagnostics.PreprocessorError,
        ["unbalanced #endif"] = OmgIdlDiagnostics.PreprocessorError,
        ["unterminated #if"] = OmgIdlDiagnostics.PreprocessorError,
        ["junk after the last module"] = OmgIdlDiagnostics.SyntaxError,
        ["macro expanding to nothing usable"] = OmgIdlDiagnostics.SyntaxError,
    };

    public static TheoryData<string> Defects() => [.. OmgIdlDefects.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Defects))]
    public void The_defect_is_reported_with_its_code_where_it_is(string defect)
    {
        Assert.True(Expected.TryGetValue(defect, out var code), $"no expected code for '{defect}'");
        var generator = new OmgIdlFileGenerator(new Random(7));
        var valid = generator.Generate(8);
        AssertNoErrors(Compile(valid));
        var text = OmgIdlDefects.Apply(defect, valid, generator);
        var set = Compile(text);
        var error = AssertError(set, code);
        Assert.Equal("test.idl", error.Location.File);
        // The first line that differs from the valid file is the defect's.
        var validLines = valid.Split('\n');
        var lines = text.Split('\n');
        var first = Enumerable.Range(0, lines.Length).First(i => i >= validLines.Length || lines[i] != validLines[i]) + 1;
        Assert.True(error.Location.Line >= first, $"{error} is before the defect at line {first}");
    }

    [Fact]
    public void Every_defect_kind_has_an_expected_code()
    {
        Assert.Equal(OmgIdlDefects.All.Select(d => d.Name).Order(), Expected.Keys.Order());
    }
}
