using static Steward.Rpc.Schema.Tests.Slice.SliceTestSupport;

namespace Steward.Rpc.Schema.Tests.Slice;

/// <summary>ZeroC's own Slice files, as installed, compile the way slice2py compiles them.</summary>
public class ZerocSliceFilesTests(ITestOutputHelper output)
{
    public static TheoryData<string> InstalledFiles()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(IceSliceDir))
        {
            foreach (var file in Directory.GetFiles(IceSliceDir, "*.ice", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(IceSliceDir, file));
            }
        }
        else
        {
            data.Add("Ice/Identity.ice");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(InstalledFiles))]
    public void An_installed_Slice_file_compiles_through_its_import_root(string file)
    {
        Assert.SkipUnless(Directory.Exists(IceSliceDir), "ZeroC's Slice files are not installed (zeroc-ice-slice)");
        var path = Path.Combine(IceSliceDir, file);
        var set = CompileFile(path, IceSliceDir);
        output.WriteLine(Dump(set));
        if (HasTool("/usr/bin/slice2py"))
        {
            var work = Directory.CreateTempSubdirectory("stw-slice-");
            try
            {
                var (exit, zeroc) = Run("/usr/bin/slice2py", ["-I" + IceSliceDir, "--output-dir", work.FullName, path]);
                Assert.True(exit == 0, $"slice2py rejects {file}, so the comparison below means nothing:\n{zeroc}");
            }
            finally
            {
                work.Delete(recursive: true);
            }
        }
        AssertNoErrors(set);
        Assert.Equal(file.Replace('\\', '/'), set.RootFiles.Single().Path);
    }
}
