namespace Steward.Rpc.Ice;

/// <summary>Class instances, exceptions and slices in encoding 1.1, as Ice 3.7's encoder writes them.</summary>
public sealed partial class IceOutputStream
{
    private Dictionary<IceValue, int>? _marshaled;
    private int _valueIdIndex = 1;
    private Dictionary<string, int>? _typeIds;
    private int _typeIdIndex;
    private InstanceState? _current;
    private int _classStateOwner = int.MinValue;

    /// <summary>How classes and exceptions are sliced (compact unless the operation says sliced).</summary>
    public IceFormat Format { get; set; } = IceFormat.Compact;

    /// <summary>
    /// A class instance (or null): a back-reference when this instance was already written, else the instance
    /// inline; inside a slice in the sliced format, an index into the slice's indirection table.
    /// </summary>
    public void WriteValue(IceValue? value)
    {
        EnsureClassState();
        if (value is null)
        {
            WriteSize(0);
        }
        else if (_current is not null && Format == IceFormat.Sliced)
        {
            _current.Table ??= [];
            _current.TableMap ??= new(ReferenceEqualityComparer.Instance);
            if (!_current.TableMap.TryGetValue(value, out var index))
            {
                _current.Table.Add(value);
                index = _current.Table.Count;
                _current.TableMap[value] = index;
            }
            WriteSize(index);
        }
        else
        {
            WriteInstance(value);
        }
    }

    /// <summary>A user exception: its slices, most-derived first, each with its type id as a string.</summary>
    public void WriteException(IceUserException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        EnsureClassState();
        exception.IceWrite(this);
    }

    /// <summary>Writes what encoding 1.1 defers to the end of the parameters: nothing, instances are written inline (kept for symmetry with Ice).</summary>
    public void WritePendingValues()
    {
    }

    /// <summary>Starts a slice of the instance or exception being written (generated code calls it).</summary>
    /// <param name="typeId">The slice's type id.</param>
    /// <param name="compactId">Its compact id, or -1.</param>
    /// <param name="last">True for the least-derived slice.</param>
    public void StartSlice(string typeId, int compactId, bool last)
    {
        var current = _current ?? throw new InvalidOperationException("StartSlice outside an instance.");
        current.FlagsPosition = Position;
        current.Flags = 0;
        if (Format == IceFormat.Sliced)
        {
            current.Flags |= IceSliceFlags.HasSliceSize;
        }
        // Ice for C++ 3.7 never marks an exception's last slice; readers stop at the end of the data instead.
        if (last && !current.IsException)
        {
            current.Flags |= IceSliceFlags.IsLastSlice;
        }
        WriteByte(0);
        if (!current.IsException)
        {
            if (Format == IceFormat.Sliced || current.FirstSlice)
            {
                if (compactId >= 0)
                {
                    current.Flags |= IceSliceFlags.HasTypeIdCompact;
                    WriteSize(compactId);
                }
                else if (RegisterTypeId(typeId) is int index)
                {
                    current.Flags |= IceSliceFlags.HasTypeIdIndex;
                    WriteSize(index);
                }
                else
                {
                    current.Flags |= IceSliceFlags.HasTypeIdString;
                    WriteString(typeId);
                }
            }
        }
        else
        {
            WriteString(typeId);
        }
        if ((current.Flags & IceSliceFlags.HasSliceSize) != 0)
        {
            WriteInt(0);
        }
        current.SliceStart = Position;
        current.FirstSlice = false;
    }

    /// <summary>Ends the current slice: the optional members' end marker, the slice size, the indirection table, the flags.</summary>
    public void EndSlice()
    {
        var current = _current ?? throw new InvalidOperationException("EndSlice outside an instance.");
        if ((current.Flags & IceSliceFlags.HasOptionalMembers) != 0)
        {
            WriteByte(IceSliceFlags.OptionalEndMarker);
        }
        if ((current.Flags & IceSliceFlags.HasSliceSize) != 0)
        {
            RewriteInt(Position - current.SliceStart + 4, current.SliceStart - 4);
        }
        if (current.Table is { Count: > 0 } table)
        {
            current.Flags |= IceSliceFlags.HasIndirectionTable;
            WriteSize(table.Count);
            // The table is taken first: writing its instances may start slices of their own.
            current.Table = null;
            current.TableMap = null;
            foreach (var value in table)
            {
                WriteInstance(value);
            }
        }
        _buffer[current.FlagsPosition] = current.Flags;
    }

    internal void StartInstance(bool isException, IceSlicedData? slicedData)
    {
        _current = new InstanceState { Previous = _current, IsException = isException, FirstSlice = true };
        if (slicedData is not null && Format == IceFormat.Sliced)
        {
            // Unknown slices go out again only in the sliced format; the compact format slices them off.
            foreach (var slice in slicedData.Slices)
            {
                StartSlice(slice.TypeId, slice.CompactId, slice.IsLastSlice);
                WriteBytes(slice.Bytes);
                if (slice.HasOptionalMembers)
                {
                    _current.Flags |= IceSliceFlags.HasOptionalMembers;
                }
                // The slice's bytes already hold indexes into its table: the table goes out as it came in.
                _current.Table = [];
                _current.TableMap = new(ReferenceEqualityComparer.Instance);
                foreach (var instance in slice.Instances)
                {
                    if (instance is not null)
                    {
                        _current.Table.Add(instance);
                        _current.TableMap.TryAdd(instance, _current.Table.Count);
                    }
                }
                EndSlice();
            }
        }
    }

    internal void EndInstance() => _current = _current?.Previous;

    /// <summary>Instance ids and type ids are numbered per encapsulation: a new one (a batch's next request) starts afresh.</summary>
    private void EnsureClassState()
    {
        var owner = _encapsulationStarts.Count > 0 ? _encapsulationStarts.Peek() : -1;
        if (owner != _classStateOwner && _current is null)
        {
            ResetClassState();
            _classStateOwner = owner;
        }
    }

    partial void ResetClassState()
    {
        _marshaled = null;
        _valueIdIndex = 1;
        _typeIds = null;
        _typeIdIndex = 0;
        _current = null;
    }

    private void WriteInstance(IceValue value)
    {
        _marshaled ??= new(ReferenceEqualityComparer.Instance);
        if (_marshaled.TryGetValue(value, out var id))
        {
            WriteSize(id);
            return;
        }
        // Instances are written inline, so a long chain recurses: fail cleanly rather than overflow the stack.
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new IceMarshalException("The class graph nests too deep to write.");
        }
        _marshaled[value] = ++_valueIdIndex;
        WriteSize(1);
        value.IceWrite(this);
    }

    private int? RegisterTypeId(string typeId)
    {
        _typeIds ??= new(StringComparer.Ordinal);
        if (_typeIds.TryGetValue(typeId, out var index))
        {
            return index;
        }
        _typeIds[typeId] = ++_typeIdIndex;
        return null;
    }

    private sealed class InstanceState
    {
        public InstanceState? Previous { get; init; }
        public bool IsException { get; init; }
        public bool FirstSlice { get; set; }
        public int FlagsPosition { get; set; }
        public byte Flags { get; set; }
        public int SliceStart { get; set; }
        public List<IceValue>? Table { get; set; }
        public Dictionary<IceValue, int>? TableMap { get; set; }
    }
}
