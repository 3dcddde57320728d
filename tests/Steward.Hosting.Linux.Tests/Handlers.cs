using System.Buffers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Steward.Hosting.Linux.Tests;

internal static class Handlers
{
    /// <summary>Writes back every byte it reads until the client ends its input.</summary>
    public static async Task Echo(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        while (true)
        {
            var result = await input.ReadAsync();
            foreach (var segment in result.Buffer)
            {
                output.Write(segment.Span);
            }

            input.AdvanceTo(result.Buffer.End);
            var flushed = await output.FlushAsync();
            if (result.IsCompleted || flushed.IsCompleted)
            {
                break;
            }
        }
    }

    /// <summary>Byte i of a test stream: not periodic in any buffer size a transport would use, so a reorder shows.</summary>
    public static byte Pattern(long i) => (byte)(i ^ (i >> 8) ^ (i >> 16) ^ (i * 7 >> 3));

    public static void Fill(Span<byte> span, long offset)
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Pattern(offset + i);
        }
    }

    /// <summary>Index of the first byte that breaks the pattern, or -1.</summary>
    public static int FirstMismatch(ReadOnlySpan<byte> span, long offset)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] != Pattern(offset + i))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Reads until end of stream; a reset after the last byte counts as the end too.</summary>
    public static async Task<byte[]> ReadToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                return all.ToArray();
            }
            if (n == 0)
            {
                return all.ToArray();
            }

            all.Write(buffer, 0, n);
        }
    }

    public static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var n = await socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[n..];
        }
    }

    public static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new EndOfStreamException($"{buffer.Length} bytes short");
            }

            buffer = buffer[n..];
        }
    }

    /// <summary>A guard against hangs (never a speed assertion): generous, and the failure names what hung.</summary>
    public static async Task<T> Within<T>(this Task<T> task, string what, int seconds = 20)
    {
        try
        {
            return await task.WaitAsync(TimeSpan.FromSeconds(seconds), TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what} did not happen");
        }
    }

    public static async Task Within(this Task task, string what, int seconds = 20)
    {
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(seconds), TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what} did not happen");
        }
    }
}
