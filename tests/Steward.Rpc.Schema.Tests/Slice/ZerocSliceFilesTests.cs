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
        var set = CompileFile(Path.Combine(IceSliceDir, file), IceSliceDir);
        output.WriteLine(Dump(set));
        AssertNoErrors(set);
        Assert.Equal(file.Replace('\\', '/'), set.RootFiles.Single().Path);
    }
}
