namespace Steward.Rpc.Ice;

/// <summary>Optional members and parameters in encoding 1.1: a tag and format byte before the value.</summary>
public sealed partial class IceOutputStream
{
    /// <summary>
    /// Writes the header of optional <paramref name="tag"/> in <paramref name="format"/> (generated code then writes
    /// the value); returns true, as encoding 1.1 always carries optionals.
    /// </summary>
    public bool WriteOptional(int tag, IceOptionalFormat format)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tag);
        if (tag < 30)
        {
            WriteByte((byte)((byte)format | (tag << 3)));
        }
        else
        {
            WriteByte((byte)((byte)format | 0xF0));
            WriteSize(tag);
        }
        if (_current is not null)
        {
            _current.Flags |= IceSliceFlags.HasOptionalMembers;
        }
        return true;
    }

    /// <summary>Reserves the int size of an <see cref="IceOptionalFormat.FSize"/> value; pass the result to <see cref="EndSize"/>.</summary>
    public int StartSize()
    {
        var position = Position;
        WriteInt(0);
        return position;
    }

    /// <summary>Writes the size of what follows the int reserved at <paramref name="position"/>.</summary>
    public void EndSize(int position) => RewriteInt(Position - position - 4, position);

    /// <summary>
    /// The size an <see cref="IceOptionalFormat.VSize"/> sequence of <paramref name="count"/> fixed-size elements of
    /// <paramref name="elementSize"/> bytes writes before itself: the bytes of the sequence, its count included.
    /// </summary>
    public void WriteFixedSequenceSize(int count, int elementSize) =>
        WriteSize(count == 0 ? 1 : (count * elementSize) + (count > 254 ? 5 : 1));
}
