using static GrpcInterop.Tests.Peers;

namespace GrpcInterop.Tests;

/// <summary>Every interop case in every direction between Steward, grpcio (Debian's python3-grpcio) and grpc-dotnet 2.85.</summary>
public sealed class MatrixTests
{
    public static TheoryData<string> AllCases => new(Cases);

    private static async Task AssertPassed(Side client, Side server, string testCase)
    {
        foreach (var side in new[] { client, server })
        {
            if (Missing(side) is { } why)
            {
                Assert.Skip(why);
            }
        }
        var lines = await RunAsync(client, server);
        Assert.True(lines.TryGetValue(testCase, out var line), $"no result line for {testCase}; client output:\n{lines[""]}");
        Assert.Equal($"{testCase}: passed", line);
    }

    [Theory, MemberData(nameof(AllCases))]
    public Task Steward_client_to_Steward_server(string testCase) => AssertPassed(Side.Steward, Side.Steward, testCase);

    [Theory, MemberData(nameof(AllCases))]
    public Task Grpcio_client_to_Steward_server(string testCase) => AssertPassed(Side.Grpcio, Side.Steward, testCase);

    [Theory, MemberData(nameof(AllCases))]
    public Task Steward_client_to_grpcio_server(string testCase)
    {
        // The case's probe needs the server to see the per-message compressed flag, which grpcio's server API
        // hides; everything else is verified there, the flag itself on the wire (see GrpcioCompressedUnary).
        return testCase == "client_compressed_unary" ? GrpcioCompressedUnary.VerifyAsync() : AssertPassed(Side.Steward, Side.Grpcio, testCase);
    }

    [Theory, MemberData(nameof(AllCases))]
    public Task GrpcNetClient_to_Steward_server(string testCase) => AssertPassed(Side.GrpcDotnet, Side.Steward, testCase);

    [Theory, MemberData(nameof(AllCases))]
    public Task Steward_client_to_GrpcAspNetCore_server(string testCase) => AssertPassed(Side.Steward, Side.GrpcDotnet, testCase);
}
