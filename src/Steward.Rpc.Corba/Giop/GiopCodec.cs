namespace Steward.Rpc.Corba;

/// <summary>
/// Encodes and decodes the GIOP 1.0, 1.1 and 1.2 messages (CORBA 3.0, 15.4). Steward writes little-endian and reads
/// both byte orders. A message header that cannot be decoded is a <see cref="GiopProtocolException"/> (MessageError);
/// bodies are read later, with the connection's code sets, so a bad body is a MARSHAL for that one call.
/// </summary>
internal static class GiopCodec
{
    /// <summary>A stream holding a placeholder for the 12-byte header; <see cref="Finish"/> fills it in.</summary>
    public static CdrOutputStream Start(GiopVersion version, CodeSets codeSets, bool littleEndian = true)
    {
        var output = new CdrOutputStream(version, codeSets, 0, littleEndian);
        output.WriteOctets(stackalloc byte[GiopHeader.Length]);
        return output;
    }

    /// <summary>The whole message, its header written.</summary>
    public static byte[] Finish(CdrOutputStream output, GiopMessageType type, bool moreFragments = false)
    {
        var bytes = output.ToArray();
        new GiopHeader(output.Version, output.IsLittleEndian, moreFragments, type, bytes.Length - GiopHeader.Length).Write(bytes);
        return bytes;
    }

    /// <summary>Appends a body written by <paramref name="write"/>; in GIOP 1.2 a non-empty body starts on an 8-byte boundary.</summary>
    public static void AppendBody<T>(CdrOutputStream output, CdrWriter<T>? write, T value)
    {
        if (write is null)
        {
            return;
        }
        var aligned = output.Version.IsAtLeast(1, 2);
        var start = aligned ? (output.Position + 7) & ~7 : output.Position;
        var body = new CdrOutputStream(output.Version, output.CodeSets, start, output.IsLittleEndian);
        write(body, value);
        if (body.Position == 0)
        {
            return;
        }
        if (aligned)
        {
            output.Align(8);
        }
        output.WriteOctets(body.WrittenSpan);
    }

    public static byte[] EncodeRequest<T>(GiopVersion version, uint requestId, byte responseFlags, GiopTarget target, string operation,
        IReadOnlyList<GiopServiceContext> contexts, CodeSets codeSets, CdrWriter<T>? writeBody, T body, bool littleEndian = true)
    {
        var output = Start(version, codeSets, littleEndian);
        if (version.IsAtLeast(1, 2))
        {
            output.WriteULong(requestId);
            output.WriteOctet(responseFlags);
            output.WriteOctets([0, 0, 0]);
            target.Write(output);
            WriteAscii(output, operation);
            GiopServiceContext.WriteList(output, contexts);
        }
        else
        {
            GiopServiceContext.WriteList(output, contexts);
            output.WriteULong(requestId);
            output.WriteBoolean((responseFlags & 1) != 0);
            if (version.Minor == 1)
            {
                output.WriteOctets([0, 0, 0]);
            }
            output.WriteOctetSequence(target.ObjectKey ?? throw new ArgumentException("GIOP 1.0 and 1.1 address objects by key.", nameof(target)));
            WriteAscii(output, operation);
            output.WriteOctetSequence([]);
        }
        AppendBody(output, writeBody, body);
        return Finish(output, GiopMessageType.Request);
    }

    public static byte[] EncodeReply<T>(GiopVersion version, uint requestId, GiopReplyStatus status, IReadOnlyList<GiopServiceContext> contexts,
        CodeSets codeSets, CdrWriter<T>? writeBody, T body, bool littleEndian = true)
    {
        var output = Start(version, codeSets, littleEndian);
        if (version.IsAtLeast(1, 2))
        {
            output.WriteULong(requestId);
            output.WriteULong((uint)status);
            GiopServiceContext.WriteList(output, contexts);
        }
        else
        {
            GiopServiceContext.WriteList(output, contexts);
            output.WriteULong(requestId);
            output.WriteULong((uint)status);
        }
        AppendBody(output, writeBody, body);
        return Finish(output, GiopMessageType.Reply);
    }

    /// <summary>A SYSTEM_EXCEPTION reply: the exception's repository id, minor code and completion status.</summary>
    public static byte[] EncodeSystemExceptionReply(GiopVersion version, uint requestId, CorbaSystemException exception) =>
        EncodeReply(version, requestId, GiopReplyStatus.SystemException, [], CodeSets.Default, WriteSystemException, exception);

    public static void WriteSystemException(CdrOutputStream output, CorbaSystemException exception)
    {
        output.WriteString(exception.RepositoryId);
        output.WriteULong(exception.Minor);
        output.WriteULong((uint)exception.Completed);
    }

    /// <summary>Reads a system exception body; an id not of the form <c>IDL:omg.org/CORBA/NAME:1.0</c> is read as UNKNOWN.</summary>
    public static CorbaSystemException ReadSystemException(CdrInputStream input)
    {
        var id = input.ReadString();
        var minor = input.ReadULong();
        var completed = input.ReadULong();
        if (completed > (uint)CompletionStatus.Maybe)
        {
            throw CorbaSystemException.Marshal($"Completion status {completed} is not 0, 1 or 2.");
        }
        var name = CorbaSystemException.NameFromRepositoryId(id) ?? "UNKNOWN";
        return new CorbaSystemException(name, minor, (CompletionStatus)completed, $"CORBA::{name} (minor 0x{minor:x8}, completed {(CompletionStatus)completed}) from the server ({id}).");
    }

    public static byte[] EncodeCancelRequest(GiopVersion version, uint requestId)
    {
        var output = Start(version, CodeSets.Default);
        output.WriteULong(requestId);
        return Finish(output, GiopMessageType.CancelRequest);
    }

    public static byte[] EncodeLocateRequest(GiopVersion version, uint requestId, GiopTarget target, bool littleEndian = true)
    {
        var output = Start(version, CodeSets.Default, littleEndian);
        output.WriteULong(requestId);
        if (version.IsAtLeast(1, 2))
        {
            target.Write(output);
        }
        else
        {
            output.WriteOctetSequence(target.ObjectKey ?? throw new ArgumentException("GIOP 1.0 and 1.1 address objects by key.", nameof(target)));
        }
        return Finish(output, GiopMessageType.LocateRequest);
    }

    public static byte[] EncodeLocateReply<T>(GiopVersion version, uint requestId, GiopLocateStatus status, CdrWriter<T>? writeBody, T body)
    {
        var output = Start(version, CodeSets.Default);
        output.WriteULong(requestId);
        output.WriteULong((uint)status);
        AppendBody(output, writeBody, body);
        return Finish(output, GiopMessageType.LocateReply);
    }

    /// <summary>A Fragment message carrying <paramref name="data"/> (GIOP 1.2: after the request id).</summary>
    public static byte[] EncodeFragment(GiopVersion version, uint requestId, ReadOnlySpan<byte> data, bool moreFragments, bool littleEndian = true)
    {
        var output = Start(version, CodeSets.Default, littleEndian);
        if (version.IsAtLeast(1, 2))
        {
            output.WriteULong(requestId);
        }
        output.WriteOctets(data);
        return Finish(output, GiopMessageType.Fragment, moreFragments);
    }

    public static GiopRequest DecodeRequest(GiopHeader header, byte[] message, CdrLimits limits) => Decode(message, () =>
    {
        var input = OpenHeader(header, message, limits);
        var version = header.Version;
        GiopServiceContext[] contexts;
        uint id;
        byte flags;
        GiopTarget target;
        string operation;
        var principal = Array.Empty<byte>();
        if (version.IsAtLeast(1, 2))
        {
            id = input.ReadULong();
            flags = input.ReadOctet();
            input.Skip(3);
            target = GiopTarget.Read(input);
            operation = input.ReadString();
            contexts = GiopServiceContext.ReadList(input);
        }
        else
        {
            contexts = GiopServiceContext.ReadList(input);
            id = input.ReadULong();
            flags = input.ReadBoolean() ? (byte)3 : (byte)0;
            if (version.Minor == 1)
            {
                input.Skip(3);
            }
            target = GiopTarget.ForKey(input.ReadOctetSequence());
            operation = input.ReadString();
            principal = input.ReadOctetSequence();
        }
        return new GiopRequest
        {
            Version = version,
            LittleEndian = header.LittleEndian,
            RequestId = id,
            ResponseFlags = flags,
            Target = target,
            Operation = operation,
            Contexts = contexts,
            Principal = principal,
            Message = message,
            BodyOffset = BodyOffset(version, GiopHeader.Length + input.Position, message.Length),
        };
    });

    public static GiopReply DecodeReply(GiopHeader header, byte[] message, CdrLimits limits) => Decode(message, () =>
    {
        var input = OpenHeader(header, message, limits);
        var version = header.Version;
        GiopServiceContext[] contexts;
        uint id;
        uint status;
        if (version.IsAtLeast(1, 2))
        {
            id = input.ReadULong();
            status = input.ReadEnum(6);
            contexts = GiopServiceContext.ReadList(input);
        }
        else
        {
            contexts = GiopServiceContext.ReadList(input);
            id = input.ReadULong();
            status = input.ReadEnum(4);
        }
        return new GiopReply
        {
            Version = version,
            LittleEndian = header.LittleEndian,
            RequestId = id,
            Status = (GiopReplyStatus)status,
            Contexts = contexts,
            Message = message,
            BodyOffset = BodyOffset(version, GiopHeader.Length + input.Position, message.Length),
        };
    });

    public static uint DecodeCancelRequest(GiopHeader header, byte[] message, CdrLimits limits) =>
        Decode(message, () => OpenHeader(header, message, limits).ReadULong());

    public static GiopLocateRequest DecodeLocateRequest(GiopHeader header, byte[] message, CdrLimits limits) => Decode(message, () =>
    {
        var input = OpenHeader(header, message, limits);
        var id = input.ReadULong();
        var target = header.Version.IsAtLeast(1, 2) ? GiopTarget.Read(input) : GiopTarget.ForKey(input.ReadOctetSequence());
        return new GiopLocateRequest(header.Version, id, target);
    });

    public static GiopLocateReply DecodeLocateReply(GiopHeader header, byte[] message, CdrLimits limits) => Decode(message, () =>
    {
        var input = OpenHeader(header, message, limits);
        var id = input.ReadULong();
        var status = input.ReadEnum(header.Version.IsAtLeast(1, 2) ? 6u : 3u);
        return new GiopLocateReply
        {
            Version = header.Version,
            LittleEndian = header.LittleEndian,
            RequestId = id,
            Status = (GiopLocateStatus)status,
            Message = message,
            BodyOffset = BodyOffset(header.Version, GiopHeader.Length + input.Position, message.Length),
        };
    });

    /// <summary>A reader of a body that starts at <paramref name="offset"/> of <paramref name="message"/> (alignment counts from the message start).</summary>
    public static CdrInputStream OpenBody(byte[] message, int offset, bool littleEndian, GiopVersion version, CodeSets codeSets, CdrLimits limits) =>
        new(message.AsMemory(offset), littleEndian, version, codeSets, limits, offset);

    private static CdrInputStream OpenHeader(GiopHeader header, byte[] message, CdrLimits limits) =>
        new(message.AsMemory(GiopHeader.Length), header.LittleEndian, header.Version, CodeSets.Default, limits, GiopHeader.Length);

    // GIOP 1.2 bodies start on 8; a peer that sends no body may also send no padding.
    private static int BodyOffset(GiopVersion version, int end, int length) =>
        version.IsAtLeast(1, 2) ? Math.Min((end + 7) & ~7, length) : end;

    private static T Decode<T>(byte[] message, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (CorbaSystemException ex)
        {
            throw new GiopProtocolException($"Undecodable message header ({message.Length} bytes): {ex.Message}", ex);
        }
    }

    // Operation names are IDL identifiers: ASCII whatever the negotiated char code set.
    private static void WriteAscii(CdrOutputStream output, string value)
    {
        var codeSets = output.CodeSets;
        output.CodeSets = CodeSets.Default;
        output.WriteString(value);
        output.CodeSets = codeSets;
    }
}
