using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using G = Bench.Google;
using S = Bench.Steward;

namespace Steward.Rpc.Protobuf.Benchmarks;

/// <summary>Serialize and parse the same data with Google.Protobuf (the anchor) and Steward, in one run.</summary>
[MemoryDiagnoser]
public class ProtobufBenchmarks
{
    private G.HelloRequest _googleSmall = null!;
    private S.HelloRequest _stewardSmall = null!;
    private G.Order _googleOrder = null!;
    private S.Order _stewardOrder = null!;
    private byte[] _smallBytes = [];
    private byte[] _orderBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _googleSmall = new G.HelloRequest { Name = "world of benchmarks" };
        _smallBytes = _googleSmall.ToByteArray();
        _stewardSmall = S.HelloRequest.Parse(_smallBytes);

        _googleOrder = new G.Order
        {
            Id = 1234567890123,
            Customer = "Ada Lovelace — Analytical Engines Ltd.",
            Total = 1234.56,
            Paid = true,
            Signature = global::Google.Protobuf.ByteString.CopyFrom(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray()),
            Shipping = new G.Address { Street = "12 Babbage Road", City = "London", Zip = 12345 },
        };
        for (var i = 0; i < 20; i++)
        {
            _googleOrder.Quantities.Add(i * 37);
        }
        for (var i = 0; i < 5; i++)
        {
            _googleOrder.Tags.Add("tag-" + i);
            _googleOrder.Attributes["key-" + i] = "value number " + i;
            _googleOrder.Addresses[i] = new G.Address { Street = i + " Main Street", City = "Springfield", Zip = (uint)(10000 + i) };
        }
        for (var i = 0; i < 10; i++)
        {
            _googleOrder.Lines.Add(new G.Order.Types.Line { Sku = "SKU-" + (1000 + i), Count = (uint)i, PriceCents = -i * 199, Flags = 0xF0F0 });
        }
        _orderBytes = _googleOrder.ToByteArray();
        _stewardOrder = S.Order.Parse(_orderBytes);
        if (!_stewardOrder.ToByteArray().AsSpan().SequenceEqual(_orderBytes) || !_stewardSmall.ToByteArray().AsSpan().SequenceEqual(_smallBytes))
        {
            throw new InvalidOperationException("Steward and Google.Protobuf disagree on the benchmark data");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Small", "Serialize")]
    public byte[] Small_Serialize_Google() => _googleSmall.ToByteArray();

    [Benchmark, BenchmarkCategory("Small", "Serialize")]
    public byte[] Small_Serialize_Steward() => _stewardSmall.ToByteArray();

    [Benchmark, BenchmarkCategory("Small", "Parse")]
    public G.HelloRequest Small_Parse_Google() => G.HelloRequest.Parser.ParseFrom(_smallBytes);

    [Benchmark, BenchmarkCategory("Small", "Parse")]
    public S.HelloRequest Small_Parse_Steward() => S.HelloRequest.Parse(_smallBytes);

    [Benchmark, BenchmarkCategory("Complex", "Serialize")]
    public byte[] Complex_Serialize_Google() => _googleOrder.ToByteArray();

    [Benchmark, BenchmarkCategory("Complex", "Serialize")]
    public byte[] Complex_Serialize_Steward() => _stewardOrder.ToByteArray();

    [Benchmark, BenchmarkCategory("Complex", "Parse")]
    public G.Order Complex_Parse_Google() => G.Order.Parser.ParseFrom(_orderBytes);

    [Benchmark, BenchmarkCategory("Complex", "Parse")]
    public S.Order Complex_Parse_Steward() => S.Order.Parse(_orderBytes);
}
