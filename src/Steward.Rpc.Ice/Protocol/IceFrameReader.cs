using System.Buffers;
using System.IO.Pipelines;

namespace Steward.Rpc.Ice;

/// <summary>
/// Cuts whole Ice messages out of a byte stream. The header is checked as soon as its 14 bytes are in, so a
/// bad magic or an oversized message fails before its body is waited for or buffered.
/// </summary>
internal static class IceFrameReader
{
    /// <summary>Takes one whole message off the front of <paramref name="buffer"/>; false when more bytes are needed.</summary>
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, int maxMessageSize, out IceMessageHeader header, out byte[] message)
    {
        message = [];
        header = default;
        if (buffer.Length < IceMessageHeader.Length)
        {
            return false;
        }
        Span<byte> head = stackalloc byte[IceMessageHeader.Length];
        buffer.Slice(0, IceMessageHeader.Length).CopyTo(head);
        header = IceMessageHeader.Read(head, maxMessageSize);
        if (buffer.Length < header.Size)
        {
            return false;
        }
        var whole = buffer.Slice(0, header.Size);
        message = whole.ToArray();
        buffer = buffer.Slice(whole.End);
        return true;
    }

    /// <summary>
    /// Reads the next whole message from <paramref name="input"/>; null at a clean end of stream (between messages).
    /// A stream that ends inside a message is a protocol error.
    /// </summary>
    public static async ValueTask<(IceMessageHeader Header, byte[] Message)?> ReadAsync(PipeReader input, int maxMessageSize, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            bool found;
            IceMessageHeader header;
            byte[] message;
            try
            {
                found = TryReadMessage(ref buffer, maxMessageSize, out header, out message);
            }
            catch
            {
                input.AdvanceTo(buffer.Start);
                throw;
            }
            if (found)
            {
                input.AdvanceTo(buffer.Start);
                return (header, message);
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCanceled)
            {
                // Shutdown asked the loop to stop reading; a half-received message is dropped with the connection.
                return null;
            }
            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty)
                {
                    throw new IceProtocolException($"The connection ended inside a message ({buffer.Length} bytes of it were received).");
                }
                return null;
            }
        }
    }
}
