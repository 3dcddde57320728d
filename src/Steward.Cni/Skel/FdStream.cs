using System.Runtime.InteropServices;
using Steward.Linux;

namespace Steward.Cni.Skel;

/// <summary>
/// A standard descriptor as a plain read(2)/write(2) stream. System.Console's streams start a
/// terminal/signal thread on first use (an exiting plugin then waits for it to be scheduled), and a
/// FileStream over a regular file writes with pwrite at its own offset, clobbering a shared or
/// appended stdout. This does what a C or Go program does.
/// </summary>
internal sealed partial class FdStream(int fd, bool canRead) : Stream
{
    public override bool CanRead => canRead;
    public override bool CanWrite => !canRead;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            var n = SysRead(fd, buffer, (nint)buffer.Length);
            if (n >= 0)
            {
                return (int)n;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EINTR)
            {
                throw new IOException($"read(fd {fd}) failed: errno {errno}");
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var n = SysWrite(fd, buffer, (nint)buffer.Length);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                {
                    continue;
                }
                throw new IOException($"write(fd {fd}) failed: errno {errno}");
            }
            buffer = buffer[(int)n..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint SysRead(int fd, Span<byte> buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint SysWrite(int fd, ReadOnlySpan<byte> buffer, nint count);
}
