using System.Security.Cryptography;
using Steward.Cni.Plugins.Bridge;

namespace Steward.Cni.Plugins.Tests.Bridge;

/// <summary>The built-in SHA-512 behind the ipMasq chain name, against the platform's (OpenSSL) one;
/// the bridge tests check the chain names the plugin actually creates.</summary>
public sealed class Sha512Tests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(111)] // the longest message whose padding fits one block
    [InlineData(112)] // the shortest that needs a second block
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(1000)]
    public void Digest_equals_the_platform_sha512(int length)
    {
        var message = new byte[length];
        new Random(length).NextBytes(message);
        Assert.Equal(SHA512.HashData(message), Sha512.Hash(message));
    }

    [Fact]
    public void Digest_of_abc_is_the_fips_180_example() =>
        Assert.Equal(
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            Convert.ToHexStringLower(Sha512.Hash("abc"u8)));
}
