using static Steward.Rpc.Schema.Tests.OmgIdl.OmgIdlTestSupport;

namespace Steward.Rpc.Schema.Tests.OmgIdl;

/// <summary>
/// omniORB's own IDL files (the omniorb-idl package) through omniidl and the front-end. Steward accepts
/// what omniidl accepts, except what it refuses on purpose with <see cref="Schema.OmgIdl.OmgIdlDiagnostics.Unsupported"/>:
/// valuetypes (boxes.idl, pollable.idl) and CORBA::TypeCode as a data type (corbaidl.idl, which orb.idl
/// and most COS services include). Files omniidl rejects (a missing IOP.idl, CORBA::ServiceOption) are
/// rejected by both.
/// </summary>
public class OmniOrbIdlFilesTests(ITestOutputHelper output)
{
    private static readonly string[] Roots = [OmniOrbIdlDir, Path.Combine(OmniOrbIdlDir, "COS")];

    [Fact]
    public void CosNaming_compiles_without_a_diagnostic()
    {
        Assert.SkipUnless(Directory.Exists(OmniOrbIdlDir), "omniORB's IDL files are not installed (omniorb-idl package)");
        var set = CompileFile(Path.Combine(OmniOrbIdlDir, "COS", "CosNaming.idl"), Roots);
        Assert.Empty(set.Diagnostics.Items);
        var context = set.Services["CosNaming.NamingContext"];
        Assert.Contains(context.Methods, m => m.Name == "resolve" && m.Throws.Count == 3);
        var extended = set.Services["CosNaming.NamingContextExt"];
        Assert.Same(context, Assert.Single(extended.Bases));
        var binding = Message(set, "CosNaming.Binding");
        Assert.Equal(["binding_name", "binding_type"], binding.Fields.Select(f => f.Name));
        var notFound = Message(set, "CosNaming.NamingContext.NotFound");
        Assert.Equal(MessageKind.Exception, notFound.Kind);
        Assert.Equal("CosNaming.NamingContext.NotFoundReason", Field(notFound, "why").Type.Definition!.FullName);
    }

    [Fact]
    public void Every_file_is_judged_as_omniidl_judges_it_or_refused_as_unsupported()
    {
        Assert.SkipUnless(HasTool(Omniidl) && Directory.Exists(OmniOrbIdlDir), "omniidl or omniORB's IDL files are not installed");
        var files = Directory.EnumerateFiles(OmniOrbIdlDir, "*.idl", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 50, $"only {files.Count} files");
        var problems = new List<string>();
        var accepted = 0;
        var refused = new List<string>();
        foreach (var file in files)
        {
            var (exit, omniOutput) = Run(Omniidl, Roots.Select(r => "-I" + r).Append(file), Path.GetTempPath());
            var set = CompileFile(file, Roots);
            var errors = set.Diagnostics.Items.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var name = Path.GetRelativePath(OmniOrbIdlDir, file);
            if (exit != 0)
            {
                if (errors.Count == 0)
                {
                    problems.Add($"{name}: omniidl rejects it, Steward accepts it:\n{omniOutput}");
                }
                continue;
            }
            if (errors.Count == 0)
            {
                accepted++;
            }
            else if (errors.All(e => e.Code == Schema.OmgIdl.OmgIdlDiagnostics.Unsupported))
            {
                refused.Add(name);
            }
            else
            {
                problems.Add($"{name}: omniidl accepts it, Steward rejects it:\n" + string.Join("\n", errors.Take(5)));
            }
        }
        output.WriteLine($"{accepted} accepted by both; refused as unsupported: {string.Join(", ", refused)}");
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.Contains("boxes.idl", refused);
        Assert.Contains("pollable.idl", refused);
        Assert.Contains(Path.Combine("COS", "CosNaming.idl"), files.Select(f => Path.GetRelativePath(OmniOrbIdlDir, f)));
        Assert.True(accepted >= 10, $"only {accepted} files accepted by both");
    }
}
