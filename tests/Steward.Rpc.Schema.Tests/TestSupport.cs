namespace Steward.Rpc.Schema.Tests;

internal static class TestSupport
{
    public static string TestDataDir => Path.Combine(AppContext.BaseDirectory, "TestData");

    /// <summary>Compiles one in-memory file named <c>test.proto</c> (plus any extra files).</summary>
    public static SchemaSet Compile(string text, params (string Path, string Text)[] others)
    {
        var source = new InMemoryFileSource().Add("test.proto", text);
        foreach (var (path, body) in others)
        {
            source.Add(path, body);
        }
        return SchemaCompiler.Compile(["test.proto"], source);
    }

    public static SchemaSet CompileTestData(params string[] files) =>
        SchemaCompiler.Compile(files, new DirectoryFileSource([TestDataDir]));

    public static void AssertClean(SchemaSet set)
    {
        Assert.True(set.Diagnostics.Items.Count == 0,
            "Expected no diagnostics, got:\n" + string.Join("\n", set.Diagnostics.Items));
    }

    public static SchemaFile Root(SchemaSet set) => set.RootFiles.Single();

    public static MessageDef Message(SchemaSet set, string fullName) =>
        Assert.IsType<MessageDef>(set.FindType(fullName));

    public static EnumDef Enum(SchemaSet set, string fullName) =>
        Assert.IsType<EnumDef>(set.FindType(fullName));

    public static FieldDef Field(MessageDef message, string name) => message.Fields.Single(f => f.Name == name);

    /// <summary>Diagnostics as "code line:col" strings, the form most tests compare.</summary>
    public static string[] Codes(SchemaSet set) =>
        set.Diagnostics.Items.Select(d => $"{d.Code} {d.Location.Line}:{d.Location.Column}").ToArray();

    public static string Dump(SchemaSet set) => string.Join("\n", set.Diagnostics.Items);
}
