using System.Diagnostics;
using Steward.Rpc.Corba.Tests.Naming;

namespace Steward.Rpc.Corba.Tests.Server;

/// <summary>
/// A small omniORB C++ client built once per test run (g++ and pkg-config omniDynamic4): it calls _is_a, _non_existent
/// and, through the DII, echo, add, wecho and an unknown operation on the IOR it is given, printing one line each.
/// </summary>
public static class OmniOrbProbe
{
    private const string Source = """
        #include <omniORB4/CORBA.h>
        #include <iostream>
        #include <cstring>

        int main(int argc, char** argv)
        {
          CORBA::ORB_var orb = CORBA::ORB_init(argc, argv);
          if (argc < 3) { std::cerr << "usage: probe IOR REPOID [nowide]\n"; return 2; }
          CORBA::Object_var obj = orb->string_to_object(argv[1]);
          try {
            bool isA = obj->_is_a(argv[2]);
            std::cout << "is_a " << (isA ? 1 : 0) << std::endl;
            bool isOther = obj->_is_a("IDL:Test/Other:1.0");
            std::cout << "is_a_other " << (isOther ? 1 : 0) << std::endl;
            bool nonExistent = obj->_non_existent();
            std::cout << "non_existent " << (nonExistent ? 1 : 0) << std::endl;
            {
              CORBA::Request_var req = obj->_request("echo");
              req->add_in_arg() <<= (const char*)"h\xc3\xa9llo";
              req->set_return_type(CORBA::_tc_string);
              req->invoke();
              const char* r; req->return_value() >>= r;
              std::cout << "echo " << r << std::endl;
            }
            {
              CORBA::Request_var req = obj->_request("add");
              req->add_in_arg() <<= (CORBA::Long)40;
              req->add_in_arg() <<= (CORBA::Long)2;
              req->set_return_type(CORBA::_tc_long);
              req->invoke();
              CORBA::Long r; req->return_value() >>= r;
              std::cout << "add " << r << std::endl;
            }
            if (argc < 4 || std::strcmp(argv[3], "nowide") != 0) {
              CORBA::Request_var req = obj->_request("wecho");
              req->add_in_arg() <<= (const CORBA::WChar*)L"w\x00e9\x2713";
              req->set_return_type(CORBA::_tc_wstring);
              req->invoke();
              const CORBA::WChar* r = 0;
              if (req->env()->exception()) { std::cout << "wecho " << CORBA::SystemException::_downcast(req->env()->exception())->_name() << " " << std::hex << CORBA::SystemException::_downcast(req->env()->exception())->minor() << std::endl; }
              else if (!(req->return_value() >>= r)) { std::cout << "wecho unextractable" << std::endl; }
              else { std::cout << "wecho " << (r[0] == L'w' && r[1] == 0xe9 && r[2] == 0x2713 && r[3] == 0 ? "ok" : "bad") << std::endl; }
            }
            {
              CORBA::Request_var req = obj->_request("nope");
              req->set_return_type(CORBA::_tc_void);
              try { req->invoke(); }
              catch (CORBA::SystemException& ex) { std::cout << "nope " << ex._name() << std::endl; }
              CORBA::Exception* e = req->env()->exception();
              if (e) { std::cout << "nope " << CORBA::SystemException::_downcast(e)->_name() << std::endl; }
            }
          }
          catch (CORBA::SystemException& ex) {
            std::cout << "system " << ex._name() << " " << std::hex << ex.minor() << std::endl;
          }
          orb->destroy();
          return 0;
        }
        """;

    private static readonly SemaphoreSlim BuildLock = new(1, 1);
    private static string? _built;

    /// <summary>The probe's path; skips the test when g++ or omniORB's development files are missing.</summary>
    public static async Task<string> BuildAsync()
    {
        if (OmniNames.Find("g++") is null || OmniNames.Find("pkg-config") is null)
        {
            Assert.Skip("needs g++ and pkg-config (scripts/setup installs them)");
        }
        await BuildLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_built is not null)
            {
                return _built;
            }
            var flags = await RunAsync("pkg-config", "--cflags", "--libs", "omniDynamic4");
            if (flags.ExitCode != 0)
            {
                Assert.Skip("needs omniORB's development files (libomniorb4-dev; pkg-config omniDynamic4 fails)");
            }
            var directory = Directory.CreateTempSubdirectory("steward-giop-probe-").FullName;
            var source = Path.Combine(directory, "probe.cc");
            await File.WriteAllTextAsync(source, Source, TestContext.Current.CancellationToken);
            var binary = Path.Combine(directory, "probe");
            var compile = await RunAsync("g++", ["-O0", "-o", binary, source, .. flags.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
            Assert.True(compile.ExitCode == 0, $"g++ failed: {compile.Error}");
            return _built = binary;
        }
        finally
        {
            BuildLock.Release();
        }
    }

    /// <summary>Runs the probe against <paramref name="ior"/>; its output lines as "name value" pairs.</summary>
    public static async Task<Dictionary<string, string>> RunAsync(string ior, string repositoryId, bool wide, params string[] orbOptions)
    {
        var probe = await BuildAsync();
        var run = await RunAsync(probe, [ior, repositoryId, wide ? "wide" : "nowide", .. orbOptions]);
        Assert.True(run.ExitCode == 0, $"the probe exited {run.ExitCode}: {run.Error}");
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2))
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.First().Length > 1 ? g.First()[1] : "");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, (await output).Trim(), await error);
    }
}
