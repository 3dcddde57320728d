using System.Collections;
using System.Text;

namespace Steward.Rpc;

/// <summary>
/// Call metadata (headers or trailers): an ordered multi-map of lower-case keys to ASCII strings,
/// or to bytes for keys ending in <c>-bin</c> (base64 on HTTP/2, raw on protocols that carry bytes).
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    public const string BinaryHeaderSuffix = "-bin";

    private readonly List<Entry> _entries = new();

    public static Metadata Empty { get; } = new() { IsReadOnly = true };

    public int Count => _entries.Count;
    public bool IsReadOnly { get; private set; }

    public Entry this[int index]
    {
        get => _entries[index];
        set { CheckWritable(); _entries[index] = value; }
    }

    public Metadata Add(string key, string value)
    {
        Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] value)
    {
        Add(new Entry(key, value));
        return this;
    }

    public void Add(Entry item)
    {
        CheckWritable();
        _entries.Add(item);
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

    public string? GetValue(string key) => Get(key)?.Value;
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

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

    public void Clear() { CheckWritable(); _entries.Clear(); }
    public bool Contains(Entry item) => _entries.Contains(item);
    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);
    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();
    public int IndexOf(Entry item) => _entries.IndexOf(item);
    public void Insert(int index, Entry item) { CheckWritable(); _entries.Insert(index, item); }
    public bool Remove(Entry item) { CheckWritable(); return _entries.Remove(item); }
    public void RemoveAt(int index) { CheckWritable(); _entries.RemoveAt(index); }

    private void CheckWritable()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException("This metadata is read-only.");
        }
    }

    /// <summary>One key/value pair. Keys are normalized to lower case and checked against gRPC's key grammar.</summary>
    public sealed class Entry : IEquatable<Entry>
    {
        private readonly string? _value;
        private readonly byte[]? _bytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' ends with '-bin' and takes a byte[] value.", nameof(key));
            }
            ArgumentNullException.ThrowIfNull(value);
            foreach (var c in value)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"Metadata value for '{Key}' must be printable ASCII.", nameof(value));
                }
            }
            _value = value;
        }

        public Entry(string key, byte[] value)
        {
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' takes a byte[] value only if it ends with '-bin'.", nameof(key));
            }
            _bytes = value ?? throw new ArgumentNullException(nameof(value));
        }

        public string Key { get; }
        public bool IsBinary => _bytes is not null;
        /// <summary>The ASCII value; for binary entries, the bytes as Latin-1 is not meaningful, so this throws.</summary>
        public string Value => _value ?? throw new InvalidOperationException($"Entry '{Key}' is binary; read ValueBytes.");
        public byte[] ValueBytes => _bytes ?? Encoding.ASCII.GetBytes(_value!);

        public static bool IsBinaryKey(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var lower = key.ToLowerInvariant();
            foreach (var c in lower)
            {
                var ok = c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.';
                if (!ok)
                {
                    throw new ArgumentException($"Metadata key '{key}' has an invalid character '{c}'.", nameof(key));
                }
            }
            return lower;
        }

        public bool Equals(Entry? other) =>
            other is not null && Key == other.Key &&
            (IsBinary ? other.IsBinary && _bytes!.AsSpan().SequenceEqual(other._bytes) : _value == other._value);

        public override bool Equals(object? obj) => Equals(obj as Entry);
        public override int GetHashCode() => HashCode.Combine(Key, _value);
        public override string ToString() => IsBinary ? $"{Key}: <{_bytes!.Length} bytes>" : $"{Key}: {_value}";
    }
}
