using System.Buffers.Binary;

namespace Steward.Rpc.Ice;

/// <summary>
/// Encodes and decodes Ice protocol 1.0 messages (header and body). Decoding trusts nothing: every size is
/// checked against the bytes left and <see cref="IceLimits"/>, and any malformed input ends in an
/// <see cref="IceProtocolException"/> (or one of its subclasses), never in another exception.
/// </summary>
public static class IceFrameCodec
{
    // The least a batched request can take: identity (2), facet (1), operation (1), mode (1), context (1), encapsulation (6).
    private const int MinBatchEntrySize = 12;

    /// <summary>Decodes the requests of a whole Request or BatchRequest message (header included).</summary>
    public static IReadOnlyList<IceRequest> DecodeRequests(ReadOnlyMemory<byte> message, IceLimits? limits = null)
    {
        limits ??= IceLimits.Default;
        var header = IceMessageHeader.Read(message.Span, limits.MaxMessageSize);
        if (header.Size != message.Length)
        {
            throw new IceProtocolException($"The header says {header.Size} bytes, the message has {message.Length}.");
        }
        var input = new IceInputStream(message[IceMessageHeader.Length..], limits);
        IceRequest[] requests;
        switch (header.Type)
        {
            case IceMessageType.Request:
                var id = input.ReadInt();
                if (id < 0)
                {
                    throw new IceProtocolException($"Negative request id {id}.");
                }
                requests = [ReadRequest(input, id)];
                break;
            case IceMessageType.BatchRequest:
                var count = input.ReadInt();
                if (count < 0 || (long)count * MinBatchEntrySize > input.Remaining)
                {
                    throw new IceMarshalException($"A batch of {count} requests cannot fit in the {input.Remaining} bytes left.");
                }
                requests = new IceRequest[count];
                for (var i = 0; i < count; i++)
                {
                    requests[i] = ReadRequest(input, 0);
                }
                break;
            default:
                throw new IceProtocolException($"A {header.Type} message carries no requests.");
        }
        if (input.Remaining != 0)
        {
            throw new IceMarshalException($"The {header.Type} message has {input.Remaining} bytes after its last request.");
        }
        return requests;
    }

    /// <summary>Decodes a whole Reply message (header included).</summary>
    public static IceReply DecodeReply(ReadOnlyMemory<byte> message, IceLimits? limits = null)
    {
        limits ??= IceLimits.Default;
        var header = IceMessageHeader.Read(message.Span, limits.MaxMessageSize);
        if (header.Type != IceMessageType.Reply || header.Size != message.Length)
        {
            throw new IceProtocolException($"Expected a Reply of {message.Length} bytes, got a {header.Type} of {header.Size}.");
        }
        var input = new IceInputStream(message[IceMessageHeader.Length..], limits);
        var id = input.ReadInt();
        var status = input.ReadByte();
        IceReply reply = status switch
        {
            (byte)IceReplyStatus.Ok or (byte)IceReplyStatus.UserException =>
                new IceReply(id, (IceReplyStatus)status) { Encapsulation = input.ReadEncapsulationBytes() },
            (byte)IceReplyStatus.ObjectNotExist or (byte)IceReplyStatus.FacetNotExist or (byte)IceReplyStatus.OperationNotExist =>
                new IceReply(id, (IceReplyStatus)status) { Identity = IceIdentity.Read(input), Facet = ReadFacet(input), Operation = input.ReadString() },
            (byte)IceReplyStatus.UnknownLocalException or (byte)IceReplyStatus.UnknownUserException or (byte)IceReplyStatus.UnknownException =>
                new IceReply(id, (IceReplyStatus)status) { Message = input.ReadString() },
            _ => throw new IceProtocolException($"Unknown reply status {status}."),
        };
        if (input.Remaining != 0)
        {
            throw new IceMarshalException($"The reply has {input.Remaining} bytes after its body.");
        }
        return reply;
    }

    /// <summary>Starts a message of <paramref name="type"/>: reserves the header, which <see cref="EndMessage"/> fills in.</summary>
    public static void StartMessage(IceOutputStream output, IceMessageType type)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Position != 0)
        {
            throw new InvalidOperationException("A message starts at the beginning of the stream.");
        }
        IceMessageHeader.Write(output.GetSpan(IceMessageHeader.Length), type, 0);
        output.Advance(IceMessageHeader.Length);
    }

    /// <summary>Writes the message's size into the header started by <see cref="StartMessage"/>.</summary>
    public static void EndMessage(IceOutputStream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.RewriteInt(output.Position, 10);
    }

    /// <summary>
    /// Writes one request's body after its id (identity, facet, operation, mode, context) and starts the parameters'
    /// encapsulation; the caller writes the parameters and calls <see cref="IceOutputStream.EndEncapsulation"/>.
    /// </summary>
    public static void WriteRequestHead(IceOutputStream output, IceIdentity identity, string facet, string operation,
        IceOperationMode mode, IEnumerable<KeyValuePair<string, string>>? context, (byte Major, byte Minor) encoding)
    {
        ArgumentNullException.ThrowIfNull(output);
        identity.Write(output);
        WriteFacet(output, facet);
        output.WriteString(operation);
        output.WriteByte((byte)mode);
        var entries = context as IReadOnlyCollection<KeyValuePair<string, string>> ?? context?.ToArray() ?? [];
        output.WriteSize(entries.Count);
        foreach (var (key, value) in entries)
        {
            output.WriteString(key);
            output.WriteString(value);
        }
        output.StartEncapsulation(encoding.Major, encoding.Minor);
    }

    /// <summary>A complete reply whose status carries the identity, facet and operation (the three "not exist" statuses).</summary>
    public static byte[] EncodeNotExistReply(int requestId, IceReplyStatus status, IceIdentity identity, string facet, string operation)
    {
        var output = new IceOutputStream();
        StartMessage(output, IceMessageType.Reply);
        output.WriteInt(requestId);
        output.WriteByte((byte)status);
        identity.Write(output);
        WriteFacet(output, facet);
        output.WriteString(operation);
        EndMessage(output);
        return output.ToArray();
    }

    /// <summary>A complete reply whose status carries a text (the three "unknown" statuses).</summary>
    public static byte[] EncodeUnknownReply(int requestId, IceReplyStatus status, string message)
    {
        var output = new IceOutputStream();
        StartMessage(output, IceMessageType.Reply);
        output.WriteInt(requestId);
        output.WriteByte((byte)status);
        output.WriteString(message);
        EndMessage(output);
        return output.ToArray();
    }

    /// <summary>Starts a reply with an encapsulation (Ok or UserException); the caller writes into it, ends it and calls <see cref="EndMessage"/>.</summary>
    public static void StartEncapsulatedReply(IceOutputStream output, int requestId, IceReplyStatus status, (byte Major, byte Minor) encoding)
    {
        StartMessage(output, IceMessageType.Reply);
        output.WriteInt(requestId);
        output.WriteByte((byte)status);
        output.StartEncapsulation(encoding.Major, encoding.Minor);
    }

    /// <summary>The request id of a Request message's body, or 0 when it has none.</summary>
    internal static int PeekRequestId(ReadOnlySpan<byte> message) =>
        message.Length >= IceMessageHeader.Length + 4 && message[8] == (byte)IceMessageType.Request
            ? BinaryPrimitives.ReadInt32LittleEndian(message[IceMessageHeader.Length..])
            : 0;

    private static IceRequest ReadRequest(IceInputStream input, int id)
    {
        var identity = IceIdentity.Read(input);
        var facet = ReadFacet(input);
        var operation = input.ReadString();
        var mode = input.ReadByte();
        if (mode > (byte)IceOperationMode.Idempotent)
        {
            throw new IceMarshalException($"Operation mode {mode} is not Normal, Nonmutating or Idempotent.");
        }
        var count = input.ReadAndCheckSeqSize(2);
        var context = count == 0 ? [] : new KeyValuePair<string, string>[count];
        for (var i = 0; i < count; i++)
        {
            var key = input.ReadString();
            context[i] = new KeyValuePair<string, string>(key, input.ReadString());
        }
        var encapsulation = input.ReadEncapsulationBytes();
        return new IceRequest(id, identity, facet, operation, (IceOperationMode)mode, context, encapsulation);
    }

    private static string ReadFacet(IceInputStream input)
    {
        var count = input.ReadSize();
        return count switch
        {
            0 => "",
            1 => input.ReadString(),
            _ => throw new IceMarshalException($"A facet path has at most one element, this one has {count}."),
        };
    }

    private static void WriteFacet(IceOutputStream output, string facet)
    {
        if (string.IsNullOrEmpty(facet))
        {
            output.WriteSize(0);
        }
        else
        {
            output.WriteSize(1);
            output.WriteString(facet);
        }
    }
}
