namespace Steward.Packaging.Tests;

/// <summary>
/// A console project that references only the Steward.Rpc.Corba package and declares an OMG IDL file with
/// &lt;StewardIdl&gt;: the generator must arrive with the package and generate the servant base and the client
/// inside dotnet build, and the program must serve the interface over IIOP and call it through a corbaloc URL.
/// </summary>
public sealed class CorbaPackageTests
{
    private const string Idl = """
        module Demo
        {
            exception Refused { string why; };

            interface Echo
            {
                string say(in string text, out long length) raises (Refused);
            };
        };

        """;

    private const string Program = """
        using System.Net;
        using System.Net.Sockets;
        using Demo;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.DependencyInjection;
        using Steward.Rpc;
        using Steward.Rpc.Corba;

        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseStewardCorba(a => a.Add("echo", "Demo.Echo"))));
        builder.Services.AddSteward().AddCorba().AddService<EchoService>();
        await using var app = builder.Build();
        await app.StartAsync();

        using var channel = new CorbaChannel($"corbaloc:iiop:1.2@127.0.0.1:{port}/echo");
        var client = new EchoClient(channel.CreateCallInvoker());
        var reply = await client.SayAsync("packages");
        Console.WriteLine($"{reply.ReturnValue} ({reply.Length})");
        try
        {
            await client.SayAsync("");
        }
        catch (Refused refused)
        {
            Console.WriteLine("refused: " + refused.Why);
        }
        await app.StopAsync();

        sealed class EchoService : EchoBase
        {
            public override Task<EchoSayResult> SayAsync(string text, ServerCallContext context) =>
                text.Length == 0 ? throw new Refused { Why = "nothing to say" } : Task.FromResult(new EchoSayResult("Hello, " + text + "!", text.Length));
        }

        """;

    [Fact]
    public void A_project_referencing_the_corba_package_generates_its_idl_in_the_build_and_serves_and_calls_it_over_iiop()
    {
        using var feed = LocalFeed.Create();
        string project = Path.Combine(feed.Root, "echo");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "echo.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                <PackageReference Include="Steward.Rpc.Corba" Version="{LocalFeed.Version}" />
                <StewardIdl Include="echo.idl" />
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(project, "echo.idl"), Idl);
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);

        feed.Run(project, "dotnet", "build", "-c", "Release", "-nologo", "-v", "quiet", "-clp:ErrorsOnly");
        string output = feed.Run(project, "dotnet", "run", "-c", "Release", "--no-build");
        Assert.Contains("Hello, packages! (8)", output, StringComparison.Ordinal);
        Assert.Contains("refused: nothing to say", output, StringComparison.Ordinal);
    }
}
