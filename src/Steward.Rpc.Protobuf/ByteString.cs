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

    /// <summary>Wraps <paramref name="memory"/> without copying; the caller must not change it afterwards.</summary>
    public ByteString(ReadOnlyMemory<byte> memory) => _memory = memory;

    /// <summary>The empty value, which is also the default of the struct.</summary>
    public static ByteString Empty => default;

    /// <summary>A copy of <paramref name="bytes"/>, safe from later changes to them.</summary>
    public static ByteString CopyFrom(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    /// <summary>The UTF-8 encoding of <paramref name="text"/>.</summary>
    public static ByteString CopyFromUtf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The number of bytes.</summary>
    public int Length => _memory.Length;
    /// <summary>True when there are no bytes.</summary>
    public bool IsEmpty => _memory.IsEmpty;
    /// <summary>The bytes, without a copy.</summary>
    public ReadOnlyMemory<byte> Memory => _memory;
    /// <summary>The bytes as a span, without a copy.</summary>
    public ReadOnlySpan<byte> Span => _memory.Span;

    /// <summary>A new array holding a copy of the bytes.</summary>
    public byte[] ToByteArray() => _memory.ToArray();

    /// <summary>The bytes decoded as UTF-8 (invalid sequences become U+FFFD).</summary>
    public string ToStringUtf8() => Encoding.UTF8.GetString(_memory.Span);

    /// <summary>The bytes in standard base64, as the proto3 JSON mapping writes <c>bytes</c>.</summary>
    public string ToBase64() => Convert.ToBase64String(_memory.Span);

    /// <summary>Wraps <paramref name="bytes"/> without copying; the caller must not change the array afterwards.</summary>
    public static implicit operator ByteString(byte[] bytes) => new(bytes);

    /// <summary>True when both hold the same bytes.</summary>
    public bool Equals(ByteString other) => _memory.Span.SequenceEqual(other._memory.Span);
    /// <summary>True when <paramref name="obj"/> is a <see cref="ByteString"/> holding the same bytes.</summary>
    public override bool Equals(object? obj) => obj is ByteString other && Equals(other);

    /// <summary>A hash of the bytes' contents, consistent with <see cref="Equals(ByteString)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_memory.Span);
        return hash.ToHashCode();
    }

    /// <summary>True when both hold the same bytes.</summary>
    public static bool operator ==(ByteString left, ByteString right) => left.Equals(right);
    /// <summary>True unless both hold the same bytes.</summary>
    public static bool operator !=(ByteString left, ByteString right) => !left.Equals(right);

    /// <summary>The bytes in upper-case hexadecimal, for debugging.</summary>
    public override string ToString() => Convert.ToHexString(_memory.Span);
}
