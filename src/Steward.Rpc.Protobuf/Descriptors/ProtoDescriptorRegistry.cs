using System.Collections.Concurrent;

namespace Steward.Rpc.Protobuf;

/// <summary>
/// The serialized <c>google.protobuf.FileDescriptorProto</c> of every .proto file compiled into a loaded
/// assembly. Generated code registers its files from a module initializer (no reflection, trim- and
/// AOT-safe); gRPC server reflection serves them. The bytes are what protoc's <c>--descriptor_set_out</c>
/// holds for the file, without source info.
/// </summary>
public static class ProtoDescriptorRegistry
{
    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Files = new(StringComparer.Ordinal);
    private static int _version;

    /// <summary>
    /// Adds one file. The bytes are produced on first use, so start-up pays nothing for them. When two
    /// assemblies carry the same file name the first registration wins: both were generated from that file.
    /// </summary>
    public static void Register(string fileName, Func<byte[]> serializedFileDescriptor)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentNullException.ThrowIfNull(serializedFileDescriptor);
        if (Files.TryAdd(fileName, new Lazy<byte[]>(serializedFileDescriptor)))
        {
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>Changes whenever a file is added (e.g. an assembly with generated code was loaded), so indexes know to rebuild.</summary>
    public static int Version => Volatile.Read(ref _version);

    /// <summary>The names of every registered file (as imported: <c>google/protobuf/empty.proto</c>).</summary>
    public static IReadOnlyCollection<string> FileNames => Files.Keys.ToArray();

    /// <summary>The serialized FileDescriptorProto registered under <paramref name="fileName"/>.</summary>
    public static bool TryGetFile(string fileName, out ReadOnlyMemory<byte> serializedFileDescriptor)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (Files.TryGetValue(fileName, out var lazy))
        {
            serializedFileDescriptor = lazy.Value;
            return true;
        }
        serializedFileDescriptor = default;
        return false;
    }
}
