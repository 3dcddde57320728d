namespace CorbaInterop.Tests;

public sealed class ContractTests
{
    [Fact]
    public void The_contract_in_the_repository_is_a_byte_identical_copy_of_the_shared_one()
    {
        // CI checks the repository out beside shared/, which holds the contract every CORBA helper and peer agrees on;
        // the build needs a copy inside the repository, and this keeps the two from drifting apart.
        var copy = Path.Combine(Peers.Root, "testassets", "corba", "StewardTest.idl");
        var sharedDirectory = Path.GetFullPath(Path.Combine(Peers.Root, "..", "shared"));
        var shared = Path.Combine(sharedDirectory, "interop", "corba", "StewardTest.idl");
        if (!Directory.Exists(sharedDirectory))
        {
            Assert.Skip($"{sharedDirectory} does not exist beside the repository root, so there is nothing to compare the copy with");
        }
        Assert.True(File.Exists(shared), $"{shared} is missing although {sharedDirectory} exists");
        Assert.True(File.ReadAllBytes(copy).AsSpan().SequenceEqual(File.ReadAllBytes(shared)),
            $"{copy} differs from {shared}: copy the shared contract over it (it is not to be edited here)");
    }
}
