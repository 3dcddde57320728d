using System.Text;

namespace Steward.Rpc.Protobuf;

/// <summary>
/// The value of a proto <c>bytes</c> field: immutable bytes with value equality. The default value is
/// empty. Constructed from a caller's memory without copying (<see cref="ByteString(ReadOnlyMemory{byte})"/>) —
/// the caller must then not change that memory — or with a copy (<see cref="CopyFrom(ReadOnlySpan{byte})"/>).
/// </summary>
public readonly struct ByteString : IEquatable<ByteString>
{
    private readonly ReadOnlyMemory<byte> _memory;

    public ByteString(ReadOnlyMemory<byte> memory) => _memory = memory;

    public static ByteString Empty => default;

    public static ByteString CopyFrom(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    public static ByteString CopyFromUtf8(string text) => new(Encoding.UTF8.GetBytes(text));

    public int Length => _memory.Length;
    public bool IsEmpty => _memory.IsEmpty;
    public ReadOnlyMemory<byte> Memory => _memory;
    public ReadOnlySpan<byte> Span => _memory.Span;

    public byte[] ToByteArray() => _memory.ToArray();

    public string ToStringUtf8() => Encoding.UTF8.GetString(_memory.Span);

    public string ToBase64() => Convert.ToBase64String(_memory.Span);

    public static implicit operator ByteString(byte[] bytes) => new(bytes);

    public bool Equals(ByteString other) => _memory.Span.SequenceEqual(other._memory.Span);
    public override bool Equals(object? obj) => obj is ByteString other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_memory.Span);
        return hash.ToHashCode();
    }

    public static bool operator ==(ByteString left, ByteString right) => left.Equals(right);
    public static bool operator !=(ByteString left, ByteString right) => !left.Equals(right);

    public override string ToString() => Convert.ToHexString(_memory.Span);
}
