using System.Collections;
using System.Text;

namespace Steward.Rpc;

/// <summary>
/// Call metadata (headers or trailers, contexts): an ordered multi-map of string keys to string or byte values.
/// The core puts no grammar on keys or values: each protocol checks and maps entries to what its wire can carry
/// (gRPC's lower-case keys with a <c>-bin</c> suffix for bytes, for one), either as it sends them or, for a
/// collection the protocol hands out, as they are added (see <see cref="Metadata(Func{Entry, Entry})"/>).
/// Lookups by key ignore case, as HTTP header names do.
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    private readonly List<Entry> _entries = new();
    private readonly Func<Entry, Entry>? _admit;

    /// <summary>Creates an empty, writable collection that accepts any key and value.</summary>
    public Metadata()
    {
    }

    /// <summary>
    /// Creates an empty, writable collection whose entries pass through <paramref name="admit"/> as they are added
    /// or replaced: a protocol checks an entry against its own grammar there (throwing <see cref="ArgumentException"/>
    /// for one it cannot carry) and returns the entry to store, normalized if its wire wants that.
    /// </summary>
    public Metadata(Func<Entry, Entry> admit)
    {
        _admit = admit ?? throw new ArgumentNullException(nameof(admit));
    }

    /// <summary>An empty, read-only collection, for calls and protocols that carry no metadata.</summary>
    public static Metadata Empty { get; } = new() { IsReadOnly = true };

    /// <summary>The number of entries, counting each value of a repeated key.</summary>
    public int Count => _entries.Count;

    /// <summary>True for <see cref="Empty"/>, whose mutators throw <see cref="InvalidOperationException"/>.</summary>
    public bool IsReadOnly { get; private set; }

    /// <summary>The entry at <paramref name="index"/>, in the order entries were added.</summary>
    public Entry this[int index]
    {
        get => _entries[index];
        set
        {
            CheckWritable();
            _entries[index] = Admit(value);
        }
    }

    /// <summary>Appends a string value under <paramref name="key"/>; returns this collection so calls chain.</summary>
    public Metadata Add(string key, string value)
    {
        Add(new Entry(key, value));
        return this;
    }

    /// <summary>Appends a byte value under <paramref name="key"/>; returns this collection so calls chain.</summary>
    public Metadata Add(string key, byte[] value)
    {
        Add(new Entry(key, value));
        return this;
    }

    /// <summary>Appends an entry; a key may repeat, and every value is kept in order.</summary>
    public void Add(Entry item)
    {
        CheckWritable();
        _entries.Add(Admit(item));
    }

    /// <summary>The last entry with this key, or null.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }
        return null;
    }

    /// <summary>The string value of the last entry with this key, or null if there is none; throws if that entry holds bytes.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The bytes of the last entry with this key (a string value as UTF-8), or null if there is none.</summary>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    /// <summary>Every entry with this key, in the order they were added.</summary>
    public IEnumerable<Entry> GetAll(string key)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        CheckWritable();
        _entries.Clear();
    }

    /// <summary>Whether an equal entry (same key and value) is present.</summary>
    public bool Contains(Entry item) => _entries.Contains(item);

    /// <summary>Copies the entries, in order, into <paramref name="array"/> from <paramref name="arrayIndex"/>.</summary>
    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    /// <summary>Enumerates the entries in the order they were added.</summary>
    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    /// <summary>The position of the first equal entry, or -1.</summary>
    public int IndexOf(Entry item) => _entries.IndexOf(item);

    /// <summary>Inserts an entry at <paramref name="index"/>.</summary>
    public void Insert(int index, Entry item)
    {
        CheckWritable();
        _entries.Insert(index, Admit(item));
    }

    /// <summary>Removes the first equal entry; false if there was none.</summary>
    public bool Remove(Entry item)
    {
        CheckWritable();
        return _entries.Remove(item);
    }

    /// <summary>Removes the entry at <paramref name="index"/>.</summary>
    public void RemoveAt(int index)
    {
        CheckWritable();
        _entries.RemoveAt(index);
    }

    private Entry Admit(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _admit is null ? item : _admit(item);
    }

    private void CheckWritable()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException("This metadata is read-only.");
        }
    }

    /// <summary>One key with a string value or a byte value; which one is fixed when it is made.</summary>
    public sealed class Entry : IEquatable<Entry>
    {
        private readonly string? _value;
        private readonly byte[]? _bytes;

        /// <summary>An entry with a string value; the key must not be empty.</summary>
        public Entry(string key, string value)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            ArgumentNullException.ThrowIfNull(value);
            Key = key;
            _value = value;
        }

        /// <summary>An entry with a byte value; the key must not be empty. The array is kept, not copied.</summary>
        public Entry(string key, byte[] value)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            Key = key;
            _bytes = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>The key as it was given (a protocol's admit step may have normalized it).</summary>
        public string Key { get; }

        /// <summary>True if the entry was made with a byte value.</summary>
        public bool IsBinary => _bytes is not null;

        /// <summary>The string value; throws <see cref="InvalidOperationException"/> for a binary entry, whose bytes have no text meaning.</summary>
        public string Value => _value ?? throw new InvalidOperationException($"Entry '{Key}' is binary; read ValueBytes.");

        /// <summary>The byte value, or a string value encoded as UTF-8.</summary>
        public byte[] ValueBytes => _bytes ?? Encoding.UTF8.GetBytes(_value!);

        /// <summary>Equal when the keys match exactly and the values are of the same kind and equal.</summary>
        public bool Equals(Entry? other) =>
            other is not null && Key == other.Key &&
            (IsBinary ? other.IsBinary && _bytes!.AsSpan().SequenceEqual(other._bytes) : _value == other._value);

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as Entry);

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(Key, _value);

        /// <summary>The key and the value, or the byte count for a binary entry.</summary>
        public override string ToString() => IsBinary ? $"{Key}: <{_bytes!.Length} bytes>" : $"{Key}: {_value}";
    }
}
