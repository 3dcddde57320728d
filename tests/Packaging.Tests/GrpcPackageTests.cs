namespace Steward.Packaging.Tests;

/// <summary>
/// A console project that references only the Steward.Rpc.Grpc package and declares a .proto with
/// &lt;StewardIdl&gt;: the generator must arrive with the package and generate the service base and the
/// client inside dotnet build, and the program must serve and call a Greeter over gRPC.
/// </summary>
public sealed class GrpcPackageTests
{
    private const string Proto = """
        syntax = "proto3";
        package greet;
        option csharp_namespace = "Greet";

        service Greeter {
          rpc SayHello (HelloRequest) returns (HelloReply);
        }
        message HelloRequest { string name = 1; }
        message HelloReply { string message = 1; }

        """;

    private const string Program = """
        using System.Net;
        using System.Net.Sockets;
        using Greet;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Server.Kestrel.Core;
        using Microsoft.Extensions.DependencyInjection;
        using Steward.Rpc;
        using Steward.Rpc.Grpc;

        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSteward().AddGrpc().AddService<GreeterService>();
        await using var app = builder.Build();
        app.UseStewardGrpc();
        await app.StartAsync();

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new Greeter.GreeterClient(channel.CreateCallInvoker());
        var reply = await client.SayHelloAsync(new HelloRequest { Name = "packages" });
        Console.WriteLine(reply.Message);
        await app.StopAsync();

        sealed class GreeterService : Greeter.GreeterBase
        {
            public override Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context) =>
                Task.FromResult(new HelloReply { Message = "Hello, " + request.Name + "!" });
        }

        """;

    [Fact]
    public void A_project_referencing_the_gRPC_package_generates_its_proto_in_the_build_and_serves_and_calls_a_Greeter()
    {
        using var feed = LocalFeed.Create();
        string project = Path.Combine(feed.Root, "greet");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "greet.csproj"), $"""
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
                <PackageReference Include="Steward.Rpc.Grpc" Version="{LocalFeed.Version}" />
                <StewardIdl Include="greet.proto" />
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(project, "greet.proto"), Proto);
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);

        feed.Run(project, "dotnet", "build", "-c", "Release", "-nologo", "-v", "quiet", "-clp:ErrorsOnly");
        string output = feed.Run(project, "dotnet", "run", "-c", "Release", "--no-build");
        Assert.Contains("Hello, packages!", output, StringComparison.Ordinal);
    }
}
