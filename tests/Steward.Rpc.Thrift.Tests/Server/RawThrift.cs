using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Steward.Rpc.Thrift.Tests.Server;

/// <summary>Strict binary protocol bytes written by hand, and a raw socket's view of the replies.</summary>
public static class RawThrift
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A strict binary message header: 0x8001, 0, type, name, sequence id.</summary>
    public static byte[] Header(string name, byte type, int sequenceId)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var bytes = new byte[12 + nameBytes.Length];
        bytes[0] = 0x80;
        bytes[1] = 0x01;
        bytes[3] = type;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), nameBytes.Length);
        nameBytes.CopyTo(bytes, 8);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8 + nameBytes.Length), sequenceId);
        return bytes;
    }

    /// <summary>A string field header (type 11) with its length and bytes.</summary>
    public static byte[] StringField(short id, string value)
    {
        var valueBytes = Encoding.UTF8.GetBytes(value);
        return [11, .. I16(id), .. I32(valueBytes.Length), .. valueBytes];
    }

    public static byte[] I16(short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] I32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>A whole echo call: header, args struct with field 1 text, stop.</summary>
    public static byte[] EchoCall(string text, int sequenceId, byte type = 1) =>
        [.. Header("echo", type, sequenceId), .. StringField(1, text), 0];

    public static byte[] Frame(byte[] message) => [.. I32(message.Length), .. message];

    public static async Task SendAsync(Socket socket, byte[] bytes) => await socket.SendAsync(bytes, SocketFlags.None, Ct);

    /// <summary>Reads one framed binary reply; null when the server closed the connection first.</summary>
    public static async Task<(ThriftMessageHeader Header, ThriftApplicationException? Error, string? Text)?> ReadFramedReplyAsync(Socket socket)
    {
        var prefix = await ReadExactlyAsync(socket, 4);
        if (prefix is null)
        {
            return null;
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        var body = await ReadExactlyAsync(socket, length) ?? throw new InvalidOperationException("The reply frame was cut short.");
        var reader = ThriftProtocols.CreateReader(ThriftProtocolKind.Binary);
        reader.Reset(new ReadOnlySequence<byte>(body));
        var header = reader.ReadMessageBegin();
        if (header.Type == ThriftMessageType.Exception)
        {
            return (header, ThriftApplicationException.Read(reader), null);
        }
        var result = new TextResult();
        result.Read(reader);
        return (header, null, result.Success);
    }

    /// <summary>True once the server has closed its side (reads end), within a bound.</summary>
    public static async Task<bool> IsClosedByServerAsync(Socket socket)
    {
        var buffer = new byte[4096];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                if (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<byte[]?> ReadExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (read < count)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            }
            catch (SocketException)
            {
                return null;
            }
            if (n == 0)
            {
                return read == 0 ? null : throw new InvalidOperationException($"The connection closed after {read} of {count} bytes.");
            }
            read += n;
        }
        return buffer;
    }
}
