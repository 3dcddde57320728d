using Steward.Rpc.Protobuf;

namespace Steward.Rpc.Grpc.Reflection;

/// <summary>
/// What server reflection looks up, read out of the serialized FileDescriptorProtos in
/// <see cref="ProtoDescriptorRegistry"/>: which file declares each fully qualified symbol (services,
/// methods, messages at any depth, their fields and oneofs, enums and their values, extensions), each
/// file's imports, and the extensions of each message type. Rebuilt when the registry grows.
/// </summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, string> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _dependencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, string>> _extensions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _messages = new(StringComparer.Ordinal);
    private readonly List<string> _broken = [];

    private DescriptorIndex(int version) => Version = version;

    public int Version { get; }

    /// <summary>Registered files whose bytes did not decode as a FileDescriptorProto.</summary>
    public IReadOnlyList<string> BrokenFiles => _broken;

    public static DescriptorIndex Build()
    {
        var index = new DescriptorIndex(ProtoDescriptorRegistry.Version);
        foreach (var name in ProtoDescriptorRegistry.FileNames)
        {
            if (!ProtoDescriptorRegistry.TryGetFile(name, out var bytes))
            {
                continue;
            }
            try
            {
                index.AddFile(name, bytes.Span);
            }
            catch (ProtoDecodeException)
            {
                // A malformed registration (hand-made, not generated) is left out rather than failing every lookup.
                index._broken.Add(name);
            }
        }
        return index;
    }

    /// <summary>True for a registered file whose descriptor decoded (a broken one is neither served nor searched).</summary>
    public bool HasFile(string fileName) => _dependencies.ContainsKey(fileName) && !_broken.Contains(fileName);

    /// <summary>The file declaring <paramref name="symbol"/> (fully qualified, a leading dot allowed).</summary>
    public string? FileContainingSymbol(string symbol) =>
        _symbols.GetValueOrDefault(symbol.StartsWith('.') ? symbol[1..] : symbol) is { } file && HasFile(file) ? file : null;

    public bool IsMessage(string typeName) => _messages.Contains(typeName.StartsWith('.') ? typeName[1..] : typeName);

    public string? FileContainingExtension(string extendee, int number) =>
        _extensions.TryGetValue(extendee.StartsWith('.') ? extendee[1..] : extendee, out var numbers) && numbers.GetValueOrDefault(number) is { } file && HasFile(file) ? file : null;

    public IReadOnlyCollection<int> ExtensionNumbersOf(string extendee) =>
        _extensions.TryGetValue(extendee.StartsWith('.') ? extendee[1..] : extendee, out var numbers) ? numbers.Keys : [];

    /// <summary>The file, then every file it needs, each once, depth first (the order protoc's pool walks imports).</summary>
    public List<ReadOnlyMemory<byte>> FileWithDependencies(string fileName)
    {
        var result = new List<ReadOnlyMemory<byte>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(fileName);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!seen.Add(name) || _broken.Contains(name) || !ProtoDescriptorRegistry.TryGetFile(name, out var bytes))
            {
                continue;
            }
            result.Add(bytes);
            if (_dependencies.TryGetValue(name, out var dependencies))
            {
                for (var i = dependencies.Length - 1; i >= 0; i--)
                {
                    pending.Push(dependencies[i]);
                }
            }
        }
        return result;
    }

    private void AddFile(string fileName, ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        var package = "";
        var dependencies = new List<string>();
        // Declarations are collected first because the package (field 2) may in principle follow them.
        var messages = new List<(int Start, int Length)>();
        var enums = new List<(int Start, int Length)>();
        var services = new List<(int Start, int Length)>();
        var extensions = new List<(int Start, int Length)>();
        while (!reader.IsAtEnd)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case (2 << 3) | 2:
                    package = reader.ReadString();
                    break;
                case (3 << 3) | 2:
                    dependencies.Add(reader.ReadString());
                    break;
                case (4 << 3) | 2:
                    messages.Add(Slice(ref reader, tag));
                    break;
                case (5 << 3) | 2:
                    enums.Add(Slice(ref reader, tag));
                    break;
                case (6 << 3) | 2:
                    services.Add(Slice(ref reader, tag));
                    break;
                case (7 << 3) | 2:
                    extensions.Add(Slice(ref reader, tag));
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }
        _dependencies[fileName] = [.. dependencies];
        foreach (var (start, length) in messages)
        {
            AddMessage(fileName, package, data.Slice(start, length));
        }
        foreach (var (start, length) in enums)
        {
            AddEnum(fileName, package, data.Slice(start, length));
        }
        foreach (var (start, length) in services)
        {
            AddService(fileName, package, data.Slice(start, length));
        }
        foreach (var (start, length) in extensions)
        {
            AddField(fileName, package, data.Slice(start, length), isExtension: true);
        }
    }

    /// <summary>Where the value of the length-delimited field whose tag was just read lies, skipping past it.</summary>
    private static (int Start, int Length) Slice(ref ProtoReader reader, uint tag)
    {
        var prefixStart = reader.Position;
        reader.SkipField(tag);
        var raw = reader.RawSince(prefixStart);
        var prefix = 1;
        while ((raw[prefix - 1] & 0x80) != 0)
        {
            prefix++;
        }
        return (prefixStart + prefix, raw.Length - prefix);
    }

    private static string Join(string scope, string name) => scope.Length == 0 ? name : scope + "." + name;

    private void Add(string fullName, string fileName) => _symbols.TryAdd(fullName, fileName);

    private void AddMessage(string fileName, string scope, ReadOnlySpan<byte> data)
    {
        var name = ReadName(data);
        var fullName = Join(scope, name);
        Add(fullName, fileName);
        _messages.Add(fullName);
        var reader = new ProtoReader(data);
        while (!reader.IsAtEnd)
        {
            var tag = reader.ReadTag();
            if ((tag & 7) != 2)
            {
                reader.SkipField(tag);
                continue;
            }
            var (start, length) = Slice(ref reader, tag);
            var part = data.Slice(start, length);
            switch (tag >> 3)
            {
                case 2:
                    AddField(fileName, fullName, part, isExtension: false);
                    break;
                case 3:
                    AddMessage(fileName, fullName, part);
                    break;
                case 4:
                    AddEnum(fileName, fullName, part);
                    break;
                case 6:
                    AddField(fileName, fullName, part, isExtension: true);
                    break;
                case 8:
                    Add(Join(fullName, ReadName(part)), fileName);
                    break;
            }
        }
    }

    private void AddField(string fileName, string scope, ReadOnlySpan<byte> data, bool isExtension)
    {
        var reader = new ProtoReader(data);
        string name = "", extendee = "";
        var number = 0;
        while (!reader.IsAtEnd)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case (1 << 3) | 2:
                    name = reader.ReadString();
                    break;
                case (2 << 3) | 2:
                    extendee = reader.ReadString();
                    break;
                case 3 << 3:
                    number = reader.ReadInt32();
                    break;
                default:
                    reader.SkipField(tag);
                    break;
            }
        }
        Add(Join(scope, name), fileName);
        if (isExtension && extendee.Length > 0)
        {
            var key = extendee.StartsWith('.') ? extendee[1..] : extendee;
            if (!_extensions.TryGetValue(key, out var numbers))
            {
                numbers = new SortedDictionary<int, string>();
                _extensions[key] = numbers;
            }
            numbers.TryAdd(number, fileName);
        }
    }

    /// <summary>Enum values are scoped like C++ enumerators: siblings of their enum, not children.</summary>
    private void AddEnum(string fileName, string scope, ReadOnlySpan<byte> data)
    {
        Add(Join(scope, ReadName(data)), fileName);
        var reader = new ProtoReader(data);
        while (!reader.IsAtEnd)
        {
            var tag = reader.ReadTag();
            if (tag == ((2 << 3) | 2))
            {
                var (start, length) = Slice(ref reader, tag);
                Add(Join(scope, ReadName(data.Slice(start, length))), fileName);
            }
            else
            {
                reader.SkipField(tag);
            }
        }
    }

    private void AddService(string fileName, string scope, ReadOnlySpan<byte> data)
    {
        var fullName = Join(scope, ReadName(data));
        Add(fullName, fileName);
        var reader = new ProtoReader(data);
        while (!reader.IsAtEnd)
        {
            var tag = reader.ReadTag();
            if (tag == ((2 << 3) | 2))
            {
                var (start, length) = Slice(ref reader, tag);
                Add(Join(fullName, ReadName(data.Slice(start, length))), fileName);
            }
            else
            {
                reader.SkipField(tag);
            }
        }
    }

    /// <summary>Field 1 (<c>name</c>) of any descriptor message.</summary>
    private static string ReadName(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        while (!reader.IsAtEnd)
        {
            var tag = reader.ReadTag();
            if (tag == ((1 << 3) | 2))
            {
                return reader.ReadString();
            }
            reader.SkipField(tag);
        }
        return "";
    }
}
