namespace Steward.Rpc.Corba;

public sealed partial class TypeCode
{
    private const uint Indirection = 0xffffffff;

    /// <summary>
    /// Writes <paramref name="type"/> as CDR (CORBA 3.0 15.3.5.1): its kind, then its parameters (simple ones
    /// inline, complex ones in an encapsulation). A TypeCode that contains itself is written with an
    /// indirection (0xffffffff and the offset back to the enclosing TypeCode's kind).
    /// </summary>
    public static void Write(CdrOutputStream output, TypeCode type)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(type);
        WriteOne(output, type, new Dictionary<TypeCode, int>(ReferenceEqualityComparer.Instance));
    }

    /// <summary>
    /// Reads a TypeCode. An indirection must point back to the kind of an enclosing (or earlier) TypeCode of the
    /// same top-level TypeCode; nesting deeper than <see cref="CdrLimits.MaxDepth"/>, an unknown kind, a bad
    /// offset, a bad union default index or truncated parameters are a MARSHAL.
    /// </summary>
    public static TypeCode Read(CdrInputStream input) => Read(input, 0);

    internal static TypeCode Read(CdrInputStream input, int depth)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ReadOne(input, 0, depth, new Dictionary<long, TypeCode>());
    }

    private static void WriteOne(CdrOutputStream output, TypeCode type, Dictionary<TypeCode, int> enclosing)
    {
        output.Align(4);
        if (enclosing.TryGetValue(type, out var target))
        {
            output.WriteULong(Indirection);
            output.WriteLong(target - output.Position);
            return;
        }
        var start = output.Position;
        output.WriteULong((uint)type.Kind);
        switch (type.Kind)
        {
            case TCKind.String or TCKind.WString:
                output.WriteULong(type.Length);
                return;
            case TCKind.Fixed:
                output.WriteUShort(type.FixedDigits);
                output.WriteShort(type.FixedScale);
                return;
            case var kind when IsBasic(kind):
                return;
        }
        enclosing[type] = start;
        output.BeginEncapsulation();
        if (HasIdAndName(type.Kind))
        {
            output.WriteString(type.Id);
            output.WriteString(type.Name);
        }
        switch (type.Kind)
        {
            case TCKind.Struct or TCKind.Except:
                output.WriteLength(type.MemberCount);
                for (var i = 0; i < type.MemberCount; i++)
                {
                    output.WriteString(type._memberNames[i]);
                    WriteOne(output, type._memberTypes[i], enclosing);
                }
                break;
            case TCKind.Union:
                WriteOne(output, type.DiscriminatorType!, enclosing);
                output.WriteLong(type.DefaultIndex);
                output.WriteLength(type.MemberCount);
                for (var i = 0; i < type.MemberCount; i++)
                {
                    if (i == type.DefaultIndex)
                    {
                        output.WriteOctet(0);
                    }
                    else
                    {
                        AnyValueCdr.WriteLabel(output, type.DiscriminatorType!, type._memberLabels[i]);
                    }
                    output.WriteString(type._memberNames[i]);
                    WriteOne(output, type._memberTypes[i], enclosing);
                }
                break;
            case TCKind.Enum:
                output.WriteLength(type.MemberCount);
                foreach (var name in type._memberNames)
                {
                    output.WriteString(name);
                }
                break;
            case TCKind.Sequence or TCKind.Array:
                WriteOne(output, type.ContentType!, enclosing);
                output.WriteULong(type.Length);
                break;
            case TCKind.Alias or TCKind.ValueBox:
                WriteOne(output, type.ContentType!, enclosing);
                break;
            case TCKind.Value or TCKind.Event:
                output.WriteShort(type.ValueModifier);
                WriteOne(output, type.ConcreteBase ?? Null, enclosing);
                output.WriteLength(type.MemberCount);
                for (var i = 0; i < type.MemberCount; i++)
                {
                    output.WriteString(type._memberNames[i]);
                    WriteOne(output, type._memberTypes[i], enclosing);
                    output.WriteShort(type._memberVisibilities[i]);
                }
                break;
        }
        output.EndEncapsulation();
        enclosing.Remove(type);
    }

    // origin: where input's position 0 is in the top-level stream, so that offsets can cross encapsulations.
    private static TypeCode ReadOne(CdrInputStream input, long origin, int depth, Dictionary<long, TypeCode> started)
    {
        if (depth > input.Limits.MaxDepth)
        {
            throw CorbaSystemException.Marshal($"TypeCodes and anys nest deeper than {input.Limits.MaxDepth}.");
        }
        input.Align(4);
        var start = origin + input.Position;
        var rawKind = input.ReadULong();
        if (rawKind == Indirection)
        {
            var at = origin + input.Position;
            var offset = input.ReadLong();
            if (offset >= -4 || !started.TryGetValue(at + offset, out var earlier))
            {
                throw CorbaSystemException.Marshal($"A TypeCode indirection's offset {offset} does not point back to the kind of an enclosing TypeCode.");
            }
            return earlier;
        }
        if (rawKind > (uint)TCKind.Event)
        {
            throw CorbaSystemException.Marshal($"{rawKind} is not a TypeCode kind.");
        }
        var kind = (TCKind)rawKind;
        switch (kind)
        {
            case TCKind.String or TCKind.WString:
                var bound = input.ReadULong();
                return kind == TCKind.String ? CreateString(bound) : CreateWString(bound);
            case TCKind.Fixed:
                return CreateFixed(input.ReadUShort(), input.ReadShort());
            case var basic when IsBasic(basic):
                return Basics[(int)basic];
        }
        input.Align(4);
        var innerOrigin = origin + input.Position + 4;
        var inner = input.ReadEncapsulation();
        var type = new TypeCode(kind);
        started[start] = type;
        if (HasIdAndName(kind))
        {
            type._id = inner.ReadString();
            type._name = inner.ReadString();
        }
        TypeCode Nested() => ReadOne(inner, innerOrigin, depth + 1, started);
        switch (kind)
        {
            case TCKind.Struct or TCKind.Except:
                var count = inner.ReadLength(8);
                type._memberNames = new string[count];
                type._memberTypes = new TypeCode[count];
                for (var i = 0; i < count; i++)
                {
                    type._memberNames[i] = inner.ReadString();
                    type._memberTypes[i] = Nested();
                }
                break;
            case TCKind.Union:
                ReadUnion(inner, type, Nested);
                break;
            case TCKind.Enum:
                var enumerators = inner.ReadLength(5);
                type._memberNames = new string[enumerators];
                for (var i = 0; i < enumerators; i++)
                {
                    type._memberNames[i] = inner.ReadString();
                }
                break;
            case TCKind.Sequence or TCKind.Array:
                type.ContentType = Nested();
                type.Length = inner.ReadULong();
                break;
            case TCKind.Alias or TCKind.ValueBox:
                type.ContentType = Nested();
                break;
            case TCKind.Value or TCKind.Event:
                type.ValueModifier = inner.ReadShort();
                type.ConcreteBase = Nested();
                var members = inner.ReadLength(8);
                type._memberNames = new string[members];
                type._memberTypes = new TypeCode[members];
                type._memberVisibilities = new short[members];
                for (var i = 0; i < members; i++)
                {
                    type._memberNames[i] = inner.ReadString();
                    type._memberTypes[i] = Nested();
                    type._memberVisibilities[i] = inner.ReadShort();
                }
                break;
        }
        return type;
    }

    private static void ReadUnion(CdrInputStream inner, TypeCode type, Func<TypeCode> nested)
    {
        var discriminator = nested();
        if (discriminator == type || discriminator.Kind == TCKind.Alias && discriminator.ContentType is null)
        {
            throw CorbaSystemException.Marshal("A union's discriminator TypeCode refers to the union.");
        }
        var kind = discriminator.Unaliased().Kind;
        if (!IsDiscriminatorKind(kind))
        {
            throw CorbaSystemException.Marshal($"A union cannot be discriminated by tk_{kind}.");
        }
        var defaultIndex = inner.ReadLong();
        var count = inner.ReadLength(8);
        if (defaultIndex < -1 || defaultIndex >= count)
        {
            throw CorbaSystemException.Marshal($"The union's default index {defaultIndex} is not one of its {count} members.");
        }
        type.DiscriminatorType = discriminator;
        type.DefaultIndex = defaultIndex;
        type._memberNames = new string[count];
        type._memberTypes = new TypeCode[count];
        type._memberLabels = new object?[count];
        for (var i = 0; i < count; i++)
        {
            if (i == defaultIndex)
            {
                inner.ReadOctet();
            }
            else
            {
                type._memberLabels[i] = AnyValueCdr.ReadLabel(inner, discriminator);
            }
            type._memberNames[i] = inner.ReadString();
            type._memberTypes[i] = nested();
        }
    }
}
