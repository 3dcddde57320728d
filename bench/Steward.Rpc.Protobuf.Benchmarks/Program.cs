using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Steward.Rpc.Protobuf.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Steward.Rpc.Protobuf.Benchmarks.ProtobufBenchmarks).Assembly).Run(args);
