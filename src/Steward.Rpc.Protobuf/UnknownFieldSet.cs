namespace Steward.Rpc.Protobuf;

/// <summary>
/// Fields a message did not declare, kept as their original bytes (tag and value) in arrival order
/// and written back after the known fields, so a message passing through an older schema loses nothing.
/// </summary>
public sealed class UnknownFieldSet : IEquatable<UnknownFieldSet>
{
    private byte[] _bytes = [];
    private int _length;

    /// <summary>Total encoded size of the unknown fields.</summary>
    public int Length => _length;

    /// <summary>The unknown fields exactly as they will be written.</summary>
    public ReadOnlySpan<byte> RawBytes => _bytes.AsSpan(0, _length);

    /// <summary>
    /// Skips the field whose tag was just read and records it; called from generated <c>MergeFrom</c>
    /// for unrecognised field numbers. Returns the set, created when <paramref name="set"/> is null.
    /// </summary>
    public static UnknownFieldSet MergeFieldFrom(UnknownFieldSet? set, ref ProtoReader reader, uint tag)
    {
        var start = reader.LastTagStart;
        reader.SkipField(tag);
        set ??= new UnknownFieldSet();
        set.Append(reader.RawSince(start));
        return set;
    }

    /// <summary>Appends already-encoded fields (tag and value) — e.g. to build test input.</summary>
    public void Append(ReadOnlySpan<byte> encodedFields)
    {
        if (_bytes.Length - _length < encodedFields.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_length + encodedFields.Length, Math.Min(_bytes.Length * 2, Array.MaxLength)));
        }
        encodedFields.CopyTo(_bytes.AsSpan(_length));
        _length += encodedFields.Length;
    }

    /// <paramref name="set"/> with <paramref name="other"/>'s fields appended (created when needed), for generated <c>MergeFrom(other)</c>.
    public static UnknownFieldSet? MergeFrom(UnknownFieldSet? set, UnknownFieldSet? other)
    {
        if (other is null || other._length == 0)
        {
            return set;
        }
        set ??= new UnknownFieldSet();
        set.Append(other.RawBytes);
        return set;
    }

    /// <summary>The encoded size of <paramref name="set"/>; zero when null.</summary>
    public static int CalculateSize(UnknownFieldSet? set) => set?._length ?? 0;

    /// <summary>Writes the fields exactly as they arrived.</summary>
    public void WriteTo(ref ProtoWriter writer) => writer.WriteRawBytes(RawBytes);

    /// <summary>A copy that shares nothing with this set.</summary>
    public UnknownFieldSet Clone()
    {
        var copy = new UnknownFieldSet();
        copy.Append(RawBytes);
        return copy;
    }

    /// <summary>A copy of <paramref name="set"/>, or null when it is null.</summary>
    public static UnknownFieldSet? Clone(UnknownFieldSet? set) => set?.Clone();

    /// <summary>Null and empty sets are equal: a message parsed without unknown fields equals one built in code.</summary>
    public static bool AreEqual(UnknownFieldSet? left, UnknownFieldSet? right) =>
        (left?._length ?? 0) == 0 ? (right?._length ?? 0) == 0 : right is not null && left!.Equals(right);

    /// <summary>A hash consistent with <see cref="AreEqual"/>: null and empty sets hash alike.</summary>
    public static int GetHashCode(UnknownFieldSet? set) => set is null || set._length == 0 ? 0 : set.GetHashCode();

    /// <summary>True when <paramref name="other"/> holds the same bytes.</summary>
    public bool Equals(UnknownFieldSet? other) => other is not null && RawBytes.SequenceEqual(other.RawBytes);
    /// <summary>True when <paramref name="obj"/> is an <see cref="UnknownFieldSet"/> holding the same bytes.</summary>
    public override bool Equals(object? obj) => Equals(obj as UnknownFieldSet);

    /// <summary>A hash of the bytes.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(RawBytes);
        return hash.ToHashCode();
    }
}
