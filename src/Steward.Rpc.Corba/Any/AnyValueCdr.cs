namespace Steward.Rpc.Corba;

/// <summary>CDR of values in the any value model, driven by a TypeCode (see <see cref="CorbaAny"/>).</summary>
internal static class AnyValueCdr
{
    /// <summary>How many more values one top-level read may produce (zero-sized elements cost time, not bytes).</summary>
    internal sealed class Budget(int left)
    {
        public void Spend(int count = 1)
        {
            left -= count;
            if (left < 0)
            {
                throw CorbaSystemException.Marshal("The any holds more values than a message may carry.");
            }
        }
    }

    public static void Write(CdrOutputStream output, TypeCode type, object? value, int depth)
    {
        if (depth > CdrLimits.Default.MaxDepth)
        {
            throw CorbaSystemException.BadParam($"The any's value nests deeper than {CdrLimits.Default.MaxDepth}.");
        }
        var actual = type.Unaliased();
        switch (actual.Kind)
        {
            case TCKind.Null or TCKind.Void:
                if (value is not null)
                {
                    throw Mismatch(type, value);
                }
                break;
            case TCKind.Short: output.WriteShort(As<short>(type, value)); break;
            case TCKind.Long: output.WriteLong(As<int>(type, value)); break;
            case TCKind.UShort: output.WriteUShort(As<ushort>(type, value)); break;
            case TCKind.ULong: output.WriteULong(As<uint>(type, value)); break;
            case TCKind.LongLong: output.WriteLongLong(As<long>(type, value)); break;
            case TCKind.ULongLong: output.WriteULongLong(As<ulong>(type, value)); break;
            case TCKind.Float: output.WriteFloat(As<float>(type, value)); break;
            case TCKind.Double: output.WriteDouble(As<double>(type, value)); break;
            case TCKind.Boolean: output.WriteBoolean(As<bool>(type, value)); break;
            case TCKind.Char: output.WriteChar(As<char>(type, value)); break;
            case TCKind.WChar: output.WriteWChar(As<char>(type, value)); break;
            case TCKind.Octet: output.WriteOctet(As<byte>(type, value)); break;
            case TCKind.String or TCKind.WString:
                var text = As<string>(type, value);
                if (actual.Length != 0 && text.Length > actual.Length)
                {
                    throw CorbaSystemException.BadParam($"A string of {text.Length} characters exceeds the bound {actual.Length} of {type}.");
                }
                if (actual.Kind == TCKind.String)
                {
                    output.WriteString(text);
                }
                else
                {
                    output.WriteWString(text);
                }
                break;
            case TCKind.Any: CorbaAny.Write(output, As<CorbaAny>(type, value), depth + 1); break;
            case TCKind.TypeCode: TypeCode.Write(output, As<TypeCode>(type, value)); break;
            case TCKind.ObjRef: CorbaObjectReference.Write(output, value is null ? null : As<CorbaObjectReference>(type, value)); break;
            case TCKind.Struct or TCKind.Except:
                var record = As<CorbaStructValue>(type, value);
                if (record.Members.Count != actual.MemberCount)
                {
                    throw CorbaSystemException.BadParam($"{type} has {actual.MemberCount} members, the value {record.Members.Count}.");
                }
                for (var i = 0; i < actual.MemberCount; i++)
                {
                    Write(output, actual.MemberTypes[i], record.Members[i], depth + 1);
                }
                break;
            case TCKind.Union:
                var union = As<CorbaUnionValue>(type, value);
                var discriminator = actual.DiscriminatorType!;
                WriteLabel(output, discriminator, union.Discriminator is CorbaEnumValue e ? e.Value : union.Discriminator);
                var member = SelectMember(actual, union.Discriminator);
                if (member >= 0)
                {
                    Write(output, actual.MemberTypes[member], union.Value, depth + 1);
                }
                break;
            case TCKind.Enum:
                var enumerator = As<CorbaEnumValue>(type, value);
                if (enumerator.Value >= (uint)actual.MemberCount)
                {
                    throw CorbaSystemException.BadParam($"{enumerator.Value} is not an enumerator of {type}.");
                }
                output.WriteEnum(enumerator.Value);
                break;
            case TCKind.Sequence or TCKind.Array:
                WriteElements(output, type, actual, As<Array>(type, value), depth);
                break;
            default:
                throw CorbaSystemException.BadParam($"Steward's any cannot carry values of tk_{actual.Kind}.");
        }
    }

    public static object? Read(CdrInputStream input, TypeCode type, int depth, Budget budget)
    {
        if (depth > input.Limits.MaxDepth)
        {
            throw CorbaSystemException.Marshal($"TypeCodes and anys nest deeper than {input.Limits.MaxDepth}.");
        }
        budget.Spend();
        var actual = type.Unaliased();
        switch (actual.Kind)
        {
            case TCKind.Null or TCKind.Void: return null;
            case TCKind.Short: return input.ReadShort();
            case TCKind.Long: return input.ReadLong();
            case TCKind.UShort: return input.ReadUShort();
            case TCKind.ULong: return input.ReadULong();
            case TCKind.LongLong: return input.ReadLongLong();
            case TCKind.ULongLong: return input.ReadULongLong();
            case TCKind.Float: return input.ReadFloat();
            case TCKind.Double: return input.ReadDouble();
            case TCKind.Boolean: return input.ReadBoolean();
            case TCKind.Char: return input.ReadChar();
            case TCKind.WChar: return input.ReadWChar();
            case TCKind.Octet: return input.ReadOctet();
            case TCKind.String or TCKind.WString:
                var text = actual.Kind == TCKind.String ? input.ReadString() : input.ReadWString();
                if (actual.Length != 0 && text.Length > actual.Length)
                {
                    throw CorbaSystemException.Marshal($"A string of {text.Length} characters exceeds the bound {actual.Length} of its TypeCode.");
                }
                return text;
            case TCKind.Any: return CorbaAny.Read(input, depth + 1, budget);
            case TCKind.TypeCode: return TypeCode.Read(input, depth + 1);
            case TCKind.ObjRef: return CorbaObjectReference.Read(input);
            case TCKind.Struct or TCKind.Except:
                var members = new object?[actual.MemberCount];
                for (var i = 0; i < members.Length; i++)
                {
                    members[i] = Read(input, actual.MemberTypes[i], depth + 1, budget);
                }
                return new CorbaStructValue(type, members);
            case TCKind.Union:
                var label = ReadLabel(input, actual.DiscriminatorType!);
                var discriminatorType = actual.DiscriminatorType!.Unaliased();
                object discriminator = discriminatorType.Kind == TCKind.Enum ? new CorbaEnumValue(discriminatorType, (uint)label) : label;
                var member = SelectMember(actual, discriminator);
                return new CorbaUnionValue(type, discriminator, member >= 0 ? Read(input, actual.MemberTypes[member], depth + 1, budget) : null);
            case TCKind.Enum:
                if (actual.MemberCount == 0)
                {
                    throw CorbaSystemException.Marshal("An enum TypeCode without enumerators has no values.");
                }
                return new CorbaEnumValue(type, input.ReadEnum((uint)actual.MemberCount));
            case TCKind.Sequence or TCKind.Array:
                return ReadElements(input, actual, depth, budget);
            default:
                throw CorbaSystemException.Marshal($"Steward's any cannot carry values of tk_{actual.Kind}.");
        }
    }

    private static void WriteElements(CdrOutputStream output, TypeCode type, TypeCode actual, Array values, int depth)
    {
        if (actual.Kind == TCKind.Array ? values.Length != actual.Length : actual.Length != 0 && values.Length > actual.Length)
        {
            throw CorbaSystemException.BadParam($"{values.Length} elements do not fit {type} (bound or length {actual.Length}).");
        }
        if (actual.Kind == TCKind.Sequence)
        {
            output.WriteLength(values.Length);
        }
        if (values is byte[] octets && actual.ContentType!.Unaliased().Kind == TCKind.Octet)
        {
            output.WriteOctets(octets);
            return;
        }
        for (var i = 0; i < values.Length; i++)
        {
            Write(output, actual.ContentType!, values.GetValue(i), depth + 1);
        }
    }

    private static Array ReadElements(CdrInputStream input, TypeCode actual, int depth, Budget budget)
    {
        var element = actual.ContentType!;
        var minSize = element.MinimumSize();
        int count;
        if (actual.Kind == TCKind.Sequence)
        {
            count = input.ReadLength(minSize);
            if (actual.Length != 0 && (uint)count > actual.Length)
            {
                throw CorbaSystemException.Marshal($"A sequence of {count} elements exceeds its bound {actual.Length}.");
            }
        }
        else
        {
            if (actual.Length > (uint)input.Limits.MaxSequenceLength || (minSize > 0 && actual.Length > (uint)(input.Remaining / minSize)))
            {
                throw CorbaSystemException.Marshal($"An array of {actual.Length} elements exceeds what the message can hold ({input.Remaining} bytes left).");
            }
            count = (int)actual.Length;
        }
        budget.Spend(count);
        return element.Unaliased().Kind switch
        {
            TCKind.Octet => input.ReadOctets(count).ToArray(),
            TCKind.Short => Fill(count, input.ReadShort),
            TCKind.Long => Fill(count, input.ReadLong),
            TCKind.UShort => Fill(count, input.ReadUShort),
            TCKind.ULong => Fill(count, input.ReadULong),
            TCKind.LongLong => Fill(count, input.ReadLongLong),
            TCKind.ULongLong => Fill(count, input.ReadULongLong),
            TCKind.Float => Fill(count, input.ReadFloat),
            TCKind.Double => Fill(count, input.ReadDouble),
            TCKind.Boolean => Fill(count, input.ReadBoolean),
            TCKind.Char => Fill(count, input.ReadChar),
            TCKind.WChar => Fill(count, input.ReadWChar),
            TCKind.String or TCKind.WString => Fill(count, () => (string)Read(input, element, depth + 1, budget)!),
            _ => Fill(count, () => Read(input, element, depth + 1, budget)),
        };
    }

    private static T[] Fill<T>(int count, Func<T> read)
    {
        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = read();
        }
        return values;
    }

    /// <summary>A label as the discriminator type's CLR value (an enum's as its index, <see cref="uint"/>); BAD_PARAM when it is not one.</summary>
    public static object NormalizeLabel(TypeCode discriminator, object? label)
    {
        var kind = discriminator.Unaliased().Kind;
        return (kind, label) switch
        {
            (TCKind.Short, short) or (TCKind.Long, int) or (TCKind.UShort, ushort) or (TCKind.ULong, uint) or (TCKind.LongLong, long)
                or (TCKind.ULongLong, ulong) or (TCKind.Boolean, bool) or (TCKind.Char, char) or (TCKind.WChar, char) or (TCKind.Enum, uint) => label!,
            (TCKind.Enum, CorbaEnumValue e) => e.Value,
            (TCKind.Enum, int i) when i >= 0 => (uint)i,
            _ => throw CorbaSystemException.BadParam($"The label {label ?? "null"} is not a value of the discriminator type tk_{kind}."),
        };
    }

    public static void WriteLabel(CdrOutputStream output, TypeCode discriminator, object? label)
    {
        var value = NormalizeLabel(discriminator, label);
        switch (value)
        {
            case short s: output.WriteShort(s); break;
            case int i: output.WriteLong(i); break;
            case ushort us: output.WriteUShort(us); break;
            case uint ui: output.WriteULong(ui); break;
            case long l: output.WriteLongLong(l); break;
            case ulong ul: output.WriteULongLong(ul); break;
            case bool b: output.WriteBoolean(b); break;
            case char c when discriminator.Unaliased().Kind == TCKind.WChar: output.WriteWChar(c); break;
            case char c: output.WriteChar(c); break;
        }
    }

    public static object ReadLabel(CdrInputStream input, TypeCode discriminator)
    {
        var actual = discriminator.Unaliased();
        return actual.Kind switch
        {
            TCKind.Short => input.ReadShort(),
            TCKind.Long => input.ReadLong(),
            TCKind.UShort => input.ReadUShort(),
            TCKind.ULong => input.ReadULong(),
            TCKind.LongLong => input.ReadLongLong(),
            TCKind.ULongLong => input.ReadULongLong(),
            TCKind.Boolean => input.ReadBoolean(),
            TCKind.Char => input.ReadChar(),
            TCKind.WChar => input.ReadWChar(),
            TCKind.Enum when actual.MemberCount > 0 => input.ReadEnum((uint)actual.MemberCount),
            _ => throw CorbaSystemException.Marshal($"A union cannot be discriminated by tk_{actual.Kind}."),
        };
    }

    /// <summary>The member <paramref name="discriminator"/> selects: the one with that label, else the default, else -1.</summary>
    public static int SelectMember(TypeCode union, object discriminator)
    {
        var key = NormalizeLabel(union.DiscriminatorType!, discriminator);
        for (var i = 0; i < union.MemberCount; i++)
        {
            if (i != union.DefaultIndex && key.Equals(union.MemberLabels[i]))
            {
                return i;
            }
        }
        return union.DefaultIndex;
    }

    private static T As<T>(TypeCode type, object? value) => value is T typed ? typed : throw Mismatch(type, value);

    private static CorbaSystemException Mismatch(TypeCode type, object? value) =>
        CorbaSystemException.BadParam($"A {(value is null ? "null" : value.GetType().Name)} is not a value of {type}.");
}
