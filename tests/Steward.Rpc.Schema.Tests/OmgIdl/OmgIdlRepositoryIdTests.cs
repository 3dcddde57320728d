using System.Text.RegularExpressions;
using static Steward.Rpc.Schema.Tests.OmgIdl.OmgIdlTestSupport;

namespace Steward.Rpc.Schema.Tests.OmgIdl;

/// <summary>
/// Repository ids against omniidl's: its C++ back-end with <c>-Wba</c> writes every type's id into the
/// generated code (TypeCodes, exception and interface ids), so the ids Steward gives the types and
/// interfaces of a file are compared with the strings omniidl generated for it.
/// </summary>
public partial class OmgIdlRepositoryIdTests
{
    [GeneratedRegex("\"((?:IDL|DCE|LOCAL|RMI):[^\"]*)\"")]
    private static partial Regex IdString();

    private static HashSet<string> OmniidlIds(string file, params string[] includeRoots)
    {
        var work = Directory.CreateTempSubdirectory("stw-omniidl-");
        try
        {
            var arguments = new List<string> { "-bcxx", "-Wba" };
            arguments.AddRange(includeRoots.Select(r => "-I" + r));
            arguments.Add(file);
            var (exit, output) = Run(Omniidl, arguments, work.FullName);
            Assert.True(exit == 0, output);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var generated in work.EnumerateFiles())
            {
                foreach (Match match in IdString().Matches(File.ReadAllText(generated.FullName)))
                {
                    ids.Add(match.Groups[1].Value);
                }
            }
            return ids;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void AssertSameIds(string file, params string[] includeRoots)
    {
        Assert.SkipUnless(HasTool(Omniidl), "omniidl is not installed (omniidl package)");
        var set = CompileFile(file, includeRoots);
        AssertNoErrors(set);
        var all = set.Types.Values.Select(t => t.RepositoryId).Concat(set.Services.Values.Select(s => s.RepositoryId)).ToHashSet(StringComparer.Ordinal);
        var root = Assert.Single(set.RootFiles);
        var own = set.Types.Values.Where(t => t.File == root).Select(t => t.RepositoryId)
            .Concat(set.Services.Values.Where(s => s.File == root).Select(s => s.RepositoryId)).ToHashSet(StringComparer.Ordinal);
        var omniidl = OmniidlIds(file, includeRoots);
        Assert.NotEmpty(own);
        // Every id Steward gives the file's own definitions is one omniidl generated, and omniidl names no id Steward lacks.
        Assert.Empty(own.Except(omniidl));
        Assert.Empty(omniidl.Where(id => !id.StartsWith("IDL:omg.org/CORBA/", StringComparison.Ordinal)).Except(all));
    }

    [Fact]
    public void Pragma_prefix_version_and_ID_give_the_ids_omniidl_gives()
    {
        var file = Path.Combine(DataDir, "pragmas.idl");
        AssertSameIds(file);
        var set = CompileFile(file);
        Assert.Equal("IDL:P1/M2/T4:2.4", set.FindType("M2.T4")!.RepositoryId);
        Assert.Equal("IDL:P2/T3:1.0", set.FindType("M2.M3.T3")!.RepositoryId);
        Assert.Equal("IDL:P2/I3:1.0", set.Services["M2.M3.I3"].RepositoryId);
        Assert.Equal("DCE:d62207a2-011e-11ce-88b4-0800090b5d3e:3", set.FindType("M1.T2")!.RepositoryId);
        Assert.Equal("IDL:inc.example/Inc/Shared:1.0", set.FindType("Inc.Shared")!.RepositoryId);
        Assert.Equal("IDL:P1/Top:3.1", set.Services["Top"].RepositoryId);
    }

    [Fact]
    public void The_contract_has_the_ids_omniidl_gives()
    {
        AssertSameIds(ContractPath() ?? throw new InvalidOperationException("StewardTest.idl not found"));
    }

    [Fact]
    public void CosNaming_has_the_ids_omniidl_gives()
    {
        AssertSameIds(Path.Combine(OmniOrbIdlDir, "COS", "CosNaming.idl"), OmniOrbIdlDir);
        var set = CompileFile(Path.Combine(OmniOrbIdlDir, "COS", "CosNaming.idl"), OmniOrbIdlDir);
        Assert.Equal("IDL:omg.org/CosNaming/NamingContext:1.0", set.Services["CosNaming.NamingContext"].RepositoryId);
        Assert.Equal("IDL:omg.org/CosNaming/NamingContext/NotFound:1.0", set.FindType("CosNaming.NamingContext.NotFound")!.RepositoryId);
    }
}
