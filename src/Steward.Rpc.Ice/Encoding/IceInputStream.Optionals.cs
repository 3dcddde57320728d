namespace Steward.Rpc.Ice;

/// <summary>Optional members and parameters in encoding 1.1: unknown tags are skipped, a missing one reads as unset.</summary>
public sealed partial class IceInputStream
{
    /// <summary>
    /// True when optional <paramref name="tag"/> is present (generated code then reads its value); optionals with a
    /// smaller tag are skipped. A present tag in another format than <paramref name="expected"/> is a marshal error.
    /// </summary>
    public bool ReadOptional(int tag, IceOptionalFormat expected)
    {
        // Encoding 1.0 has no optionals: every one reads as unset.
        if (Encoding.Minor == 0 || (_currentRead is not null && (_currentRead.Flags & IceSliceFlags.HasOptionalMembers) == 0))
        {
            return false;
        }
        while (true)
        {
            if (Remaining == 0)
            {
                return false;
            }
            var start = _position;
            var header = ReadByte();
            if (header == IceSliceFlags.OptionalEndMarker)
            {
                _position = start;
                return false;
            }
            var format = (IceOptionalFormat)(header & 0x07);
            var readTag = header >> 3;
            if (readTag == 30)
            {
                readTag = ReadSize();
            }
            if (readTag > tag)
            {
                _position = start;
                return false;
            }
            if (readTag < tag)
            {
                SkipOptional(format);
                continue;
            }
            if (format != expected)
            {
                throw new IceMarshalException($"Optional {tag} has format {format}, expected {expected}.");
            }
            return true;
        }
    }

    /// <summary>Skips the value of an optional in <paramref name="format"/> (its header already read).</summary>
    public void SkipOptional(IceOptionalFormat format)
    {
        switch (format)
        {
            case IceOptionalFormat.F1:
                Skip(1);
                break;
            case IceOptionalFormat.F2:
                Skip(2);
                break;
            case IceOptionalFormat.F4:
                Skip(4);
                break;
            case IceOptionalFormat.F8:
                Skip(8);
                break;
            case IceOptionalFormat.Size:
                ReadSize();
                break;
            case IceOptionalFormat.VSize:
                Skip(ReadSize());
                break;
            case IceOptionalFormat.FSize:
                var size = ReadInt();
                if (size < 0)
                {
                    throw new IceMarshalException($"Negative optional size {size}.");
                }
                Skip(size);
                break;
            default:
                ReadValue<IceValue>(null);
                break;
        }
    }

    /// <summary>Skips every optional left, up to the end marker (which is consumed) or the end of the encapsulation.</summary>
    public void SkipOptionals()
    {
        while (Remaining > 0)
        {
            var header = ReadByte();
            if (header == IceSliceFlags.OptionalEndMarker)
            {
                return;
            }
            if ((header >> 3) == 30)
            {
                ReadSize();
            }
            SkipOptional((IceOptionalFormat)(header & 0x07));
        }
    }

    /// <summary>Skips the size of an <see cref="IceOptionalFormat.FSize"/> or <see cref="IceOptionalFormat.VSize"/> value the reader reads whole.</summary>
    public void SkipSize(IceOptionalFormat format)
    {
        if (format == IceOptionalFormat.FSize)
        {
            Skip(4);
        }
        else
        {
            ReadSize();
        }
    }
}
