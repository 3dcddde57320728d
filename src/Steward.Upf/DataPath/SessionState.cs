using System.Buffers;
using Steward.Upf.Rules;

namespace Steward.Upf.DataPath;

/// <summary>
/// What a session keeps across Apply: its identity, the usage counters and token buckets of the
/// rule ids it keeps, the lookup keys it holds, and the downlink packets it buffers. The fields
/// other than the buffer are touched only under the user plane's control lock.
/// </summary>
internal sealed class SessionState(ulong localSeid)
{
    private readonly Lock _bufferLock = new();
    private readonly Queue<(byte[] Packet, int Length)> _buffer = new();
    private bool _notified;

    public ulong LocalSeid { get; } = localSeid;
    public SessionRules Rules { get; set; } = null!;
    public Dictionary<uint, UsageCounter> Counters { get; set; } = [];
    public Dictionary<uint, CompiledQer> Qers { get; set; } = [];
    public HashSet<uint> Teids { get; set; } = [];
    public HashSet<uint> UeAddresses { get; set; } = [];

    /// <summary>Copies a downlink packet into the buffer; false when the buffer is full. <paramref name="first"/>: the first since the last flush (report it).</summary>
    public bool TryBuffer(ReadOnlySpan<byte> packet, int limit, out bool first)
    {
        first = false;
        lock (_bufferLock)
        {
            if (_buffer.Count >= limit)
            {
                return false;
            }

            var copy = ArrayPool<byte>.Shared.Rent(packet.Length);
            packet.CopyTo(copy);
            _buffer.Enqueue((copy, packet.Length));
            if (!_notified)
            {
                _notified = true;
                first = true;
            }

            return true;
        }
    }

    /// <summary>Hands every buffered packet to <paramref name="sink"/> (or back to the pool when null) and empties the buffer.</summary>
    public int DrainBuffer(Action<byte[], int>? sink)
    {
        lock (_bufferLock)
        {
            var n = _buffer.Count;
            while (_buffer.TryDequeue(out var item))
            {
                if (sink is null)
                {
                    ArrayPool<byte>.Shared.Return(item.Packet);
                }
                else
                {
                    sink(item.Packet, item.Length);
                }
            }

            _notified = false;
            return n;
        }
    }

    public int BufferedCount
    {
        get
        {
            lock (_bufferLock)
            {
                return _buffer.Count;
            }
        }
    }
}
