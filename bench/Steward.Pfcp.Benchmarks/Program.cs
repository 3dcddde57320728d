using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Steward.Pfcp.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Steward.Pfcp.Benchmarks.PfcpCodecBenchmarks).Assembly).Run(args);
