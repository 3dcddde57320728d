using System.Diagnostics;
using System.Text;

namespace Steward.Cli.Tests;

/// <summary>Runs the built <c>steward</c> command as a process, as users run it.</summary>
internal static class StewardCli
{
    public static string ProtoDirectory => Path.Combine(AppContext.BaseDirectory, "protos");

    public static (int ExitCode, byte[] Stdout, string Stderr) Run(byte[] stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ProtoDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "steward.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        return (process.ExitCode, stdout.ToArray(), stderr.Result);
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var (code, stdout, stderr) = Run(Array.Empty<byte>(), args);
        return (code, Encoding.UTF8.GetString(stdout), stderr);
    }

    public static byte[] Protoc(byte[] stdin, params string[] args)
    {
        if (!File.Exists("/usr/bin/protoc"))
        {
            Assert.Skip("protoc is not installed (scripts/setup installs protobuf-compiler)");
        }
        var start = new ProcessStartInfo("/usr/bin/protoc") { RedirectStandardInput = true, RedirectStandardOutput = true, WorkingDirectory = ProtoDirectory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return stdout.ToArray();
    }
}
