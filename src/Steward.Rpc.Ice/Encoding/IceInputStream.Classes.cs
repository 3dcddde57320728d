namespace Steward.Rpc.Ice;

/// <summary>
/// Class instances, exceptions and slices in encoding 1.1, as Ice 3.7's decoder reads them: instances are
/// created from <see cref="IceTypeRegistry"/>, shared instances and cycles are patched once read, unknown
/// slices are skipped in the sliced format. Depth and instance count are bounded by <see cref="Limits"/>.
/// </summary>
public sealed partial class IceInputStream
{
    private ReadState? _currentRead;
    private Dictionary<int, IceValue>? _unmarshaled;
    private Dictionary<int, List<Action<IceValue>>>? _patches;
    private List<string>? _typeIdTable;
    private int _readValueIdIndex = 1;
    private int _instanceCount;
    private int _depth;
    private int _classStateOwner = int.MinValue;

    /// <summary>
    /// Reads a class instance (or null) and hands it to <paramref name="patch"/>, now or, for a reference to an
    /// instance not yet read (a cycle, an indirection table), once it is read. An instance of another type than
    /// <typeparamref name="T"/> is a marshal error.
    /// </summary>
    public void ReadValue<T>(Action<T?>? patch)
        where T : IceValue
    {
        Action<IceValue>? typed = patch is null ? null : value =>
        {
            if (value is not T t)
            {
                throw new IceMarshalException($"Expected an instance of {typeof(T).Name}, got {value.IceId}.");
            }
            patch(t);
        };
        EnsureClassState();
        var index = ReadSize();
        if (index == 0)
        {
            patch?.Invoke(null);
        }
        else if (_currentRead is not null && (_currentRead.Flags & IceSliceFlags.HasIndirectionTable) != 0)
        {
            if (typed is not null)
            {
                (_currentRead.IndirectPatches ??= []).Add((index - 1, typed));
            }
        }
        else
        {
            ReadInstance(index, typed);
        }
    }

    /// <summary>
    /// Reads a user exception as its most-derived known type (unknown slices skipped in the sliced format). An exception
    /// with no known slice, or an unknown one in the compact format, gets an <see cref="IceUnknownUserExceptionException"/>.
    /// </summary>
    public IceUserException ReadException()
    {
        if (_currentRead is not null)
        {
            throw new InvalidOperationException("An exception cannot be read inside a class instance.");
        }
        EnsureClassState();
        _currentRead = new ReadState { IsException = true };
        ReadSliceHeader();
        var mostDerived = _currentRead.TypeId ?? "";
        while (true)
        {
            var exception = IceTypeRegistry.CreateException(_currentRead.TypeId ?? "");
            if (exception is not null)
            {
                exception.IceRead(this);
                CheckPatches();
                return exception;
            }
            SkipSlice(mostDerived);
            if ((_currentRead.Flags & IceSliceFlags.IsLastSlice) != 0 || Remaining == 0)
            {
                _currentRead = null;
                throw new IceUnknownUserExceptionException(mostDerived);
            }
            ReadSliceHeader();
        }
    }

    /// <summary>Ends the values of the parameters: every referenced instance must have been sent (nothing else is deferred in encoding 1.1).</summary>
    public void ReadPendingValues()
    {
        EnsureClassState();
        CheckPatches();
    }

    /// <summary>Starts the next slice of the instance or exception being read and returns its type id (generated code calls it).</summary>
    public string StartSlice()
    {
        var current = _currentRead ?? throw new InvalidOperationException("StartSlice outside an instance.");
        if (current.SkipFirstSlice)
        {
            current.SkipFirstSlice = false;
            return current.TypeId ?? "";
        }
        ReadSliceHeader();
        return current.TypeId ?? "";
    }

    /// <summary>Ends the current slice: skips unread optional members, reads the indirection table and patches the references to it.</summary>
    public void EndSlice()
    {
        var current = _currentRead ?? throw new InvalidOperationException("EndSlice outside an instance.");
        if ((current.Flags & IceSliceFlags.HasOptionalMembers) != 0)
        {
            SkipOptionals();
        }
        if ((current.Flags & IceSliceFlags.HasIndirectionTable) != 0)
        {
            var table = ReadIndirectionTable();
            if (current.IndirectPatches is null && (current.Flags & IceSliceFlags.HasOptionalMembers) == 0)
            {
                throw new IceMarshalException("An indirection table nothing refers to.");
            }
            foreach (var (index, patch) in current.IndirectPatches ?? [])
            {
                if (index < 0 || index >= table.Length)
                {
                    throw new IceMarshalException($"Indirection {index + 1} is outside the table of {table.Length}.");
                }
                AddPatch(table[index], patch);
            }
            current.IndirectPatches = null;
        }
    }

    internal void StartInstance()
    {
        var current = _currentRead ?? throw new InvalidOperationException("An instance is read outside the stream's control.");
        current.SkipFirstSlice = true;
    }

    internal IceSlicedData? EndInstance(bool preserve)
    {
        var current = _currentRead!;
        IceSlicedData? sliced = null;
        if (preserve && current.Slices is { Count: > 0 } slices)
        {
            var infos = new IceSliceInfo[slices.Count];
            for (var n = 0; n < slices.Count; n++)
            {
                var (info, table) = slices[n];
                for (var j = 0; j < table.Length; j++)
                {
                    var instances = info.Instances;
                    var at = j;
                    AddPatch(table[j], v => instances[at] = v);
                }
                infos[n] = info;
            }
            sliced = new IceSlicedData(infos);
        }
        _currentRead = current.Previous;
        return sliced;
    }

    /// <summary>Instance ids and type ids are numbered per encapsulation: a new one starts afresh.</summary>
    private void EnsureClassState()
    {
        if (_end != _classStateOwner && _currentRead is null)
        {
            _unmarshaled = null;
            _patches = null;
            _typeIdTable = null;
            _readValueIdIndex = 1;
            _instanceCount = 0;
            _depth = 0;
            _classStateOwner = _end;
        }
    }

    private int ReadInstance(int index, Action<IceValue>? patch)
    {
        if (index > 1)
        {
            if (patch is not null)
            {
                AddPatch(index, patch);
            }
            return index;
        }
        if (++_instanceCount > Limits.MaxInstances)
        {
            throw new IceMemoryLimitException($"More than {Limits.MaxInstances} class instances.");
        }
        // Depth is counted before the slices: skipping an unknown slice reads the instances of its table.
        if (++_depth > Limits.MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new IceMarshalException($"Class instances nest deeper than {Limits.MaxDepth}.");
        }
        _currentRead = new ReadState { Previous = _currentRead };
        index = ++_readValueIdIndex;
        ReadSliceHeader();
        var mostDerived = _currentRead.TypeId ?? "";
        IceValue? value = null;
        while (true)
        {
            if (_currentRead.CompactId >= 0)
            {
                _currentRead.TypeId = IceTypeRegistry.ResolveCompactId(_currentRead.CompactId);
            }
            if (!string.IsNullOrEmpty(_currentRead.TypeId))
            {
                value = IceTypeRegistry.CreateValue(_currentRead.TypeId);
                if (value is not null)
                {
                    break;
                }
            }
            SkipSlice(mostDerived);
            if ((_currentRead.Flags & IceSliceFlags.IsLastSlice) != 0)
            {
                value = new IceUnknownSlicedValue(mostDerived);
                break;
            }
            ReadSliceHeader();
        }
        _unmarshaled ??= [];
        _unmarshaled[index] = value;
        value.IceRead(this);
        if (_patches is not null && _patches.Remove(index, out var waiting))
        {
            foreach (var waiter in waiting)
            {
                waiter(value);
            }
        }
        _depth--;
        if (_currentRead is null)
        {
            CheckPatches();
        }
        patch?.Invoke(value);
        return index;
    }

    private void ReadSliceHeader()
    {
        var current = _currentRead!;
        current.Flags = ReadByte();
        current.CompactId = -1;
        if (!current.IsException)
        {
            switch (current.Flags & IceSliceFlags.HasTypeIdCompact)
            {
                case IceSliceFlags.HasTypeIdCompact:
                    current.TypeId = null;
                    current.CompactId = ReadSize();
                    break;
                case IceSliceFlags.HasTypeIdString:
                    current.TypeId = ReadString();
                    _typeIdTable ??= [];
                    _typeIdTable.Add(current.TypeId);
                    break;
                case IceSliceFlags.HasTypeIdIndex:
                    var index = ReadSize();
                    if (_typeIdTable is null || index < 1 || index > _typeIdTable.Count)
                    {
                        throw new IceMarshalException($"Type id index {index} was never sent.");
                    }
                    current.TypeId = _typeIdTable[index - 1];
                    break;
                default:
                    current.TypeId = null;
                    break;
            }
        }
        else
        {
            current.TypeId = ReadString();
        }
        if ((current.Flags & IceSliceFlags.HasSliceSize) != 0)
        {
            current.SliceSize = ReadInt();
            if (current.SliceSize < 4)
            {
                throw new IceMarshalException($"Slice size {current.SliceSize} is below 4.");
            }
        }
        else
        {
            current.SliceSize = 0;
        }
    }

    private void SkipSlice(string mostDerived)
    {
        var current = _currentRead!;
        var start = _position;
        if ((current.Flags & IceSliceFlags.HasSliceSize) == 0)
        {
            if (current.IsException)
            {
                throw new IceUnknownUserExceptionException(mostDerived);
            }
            var what = current.CompactId >= 0 ? $"compact id {current.CompactId}" : (string.IsNullOrEmpty(current.TypeId) ? mostDerived : current.TypeId);
            throw new IceMarshalException($"No value factory for {what} (the compact format prevents slicing).");
        }
        Skip(current.SliceSize - 4);
        var hasOptionals = (current.Flags & IceSliceFlags.HasOptionalMembers) != 0;
        var length = _position - start;
        if (hasOptionals)
        {
            if (length == 0 || _data.Span[_position - 1] != IceSliceFlags.OptionalEndMarker)
            {
                throw new IceMarshalException("A slice with optional members does not end with the end marker.");
            }
            length--;
        }
        var table = (current.Flags & IceSliceFlags.HasIndirectionTable) != 0 ? ReadIndirectionTable() : [];
        var info = new IceSliceInfo
        {
            TypeId = current.TypeId ?? "",
            CompactId = current.CompactId,
            Bytes = _data.Span.Slice(start, length).ToArray(),
            Instances = new IceValue?[table.Length],
            HasOptionalMembers = hasOptionals,
            IsLastSlice = (current.Flags & IceSliceFlags.IsLastSlice) != 0,
        };
        (current.Slices ??= []).Add((info, table));
    }

    private int[] ReadIndirectionTable()
    {
        var count = ReadAndCheckSeqSize(1);
        if (count == 0)
        {
            throw new IceMarshalException("An empty indirection table.");
        }
        var table = new int[count];
        for (var i = 0; i < count; i++)
        {
            var index = ReadSize();
            if (index == 0)
            {
                throw new IceMarshalException("A null entry in an indirection table.");
            }
            table[i] = ReadInstance(index, null);
        }
        return table;
    }

    private void AddPatch(int index, Action<IceValue> patch)
    {
        if (_unmarshaled is not null && _unmarshaled.TryGetValue(index, out var value))
        {
            patch(value);
            return;
        }
        if (index > _readValueIdIndex + Remaining)
        {
            // No instance the data can still hold has this index.
            throw new IceMarshalException($"Instance index {index} cannot refer to any instance.");
        }
        _patches ??= [];
        if (!_patches.TryGetValue(index, out var list))
        {
            _patches[index] = list = [];
        }
        list.Add(patch);
    }

    private void CheckPatches()
    {
        if (_patches is { Count: > 0 })
        {
            throw new IceMarshalException("An instance index was received but no instance was sent for it.");
        }
    }

    private sealed class ReadState
    {
        public ReadState? Previous { get; init; }
        public bool IsException { get; init; }
        public byte Flags { get; set; }
        public string? TypeId { get; set; }
        public int CompactId { get; set; } = -1;
        public int SliceSize { get; set; }
        public bool SkipFirstSlice { get; set; }
        public List<(int Index, Action<IceValue> Patch)>? IndirectPatches { get; set; }
        public List<(IceSliceInfo Info, int[] Table)>? Slices { get; set; }
    }
}
