using System.Buffers;

namespace Steward.Rpc.Thrift.Tests.Protocol;

/// <summary>Inputs as a transport hands them over: split into segments at arbitrary places.</summary>
public static class Segments
{
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var bounds = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Append(bytes.Length).ToList();
        Segment? first = null, last = null;
        var start = 0;
        foreach (var end in bounds)
        {
            var memory = bytes.AsMemory(start, end - start);
            if (first is null)
            {
                first = last = new Segment(memory, 0);
            }
            else
            {
                last = last!.Append(memory);
            }
            start = end;
        }
        first ??= last = new Segment(ReadOnlyMemory<byte>.Empty, 0);
        return new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    public static ReadOnlySequence<byte> EveryByte(byte[] bytes) => Split(bytes, [.. Enumerable.Range(1, Math.Max(0, bytes.Length - 1))]);

    public static ReadOnlySequence<byte> Random(byte[] bytes, Random random) =>
        Split(bytes, [.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(bytes.Length + 1))]);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

/// <summary>An output that hands out small chunks, so writers cross chunk boundaries everywhere.</summary>
public sealed class ChunkedBufferWriter(int seed) : IBufferWriter<byte>
{
    private readonly Random _random = new(seed);
    private readonly List<byte> _written = [];
    private byte[] _chunk = [];

    public byte[] WrittenBytes => [.. _written];

    public int Chunks { get; private set; }

    public void Advance(int count)
    {
        _written.AddRange(_chunk.AsSpan(0, count));
        _chunk = [];
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Chunks++;
        _chunk = new byte[Math.Max(sizeHint, 1) + _random.Next(0, 8)];
        return _chunk;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}
