using System.CommandLine;
using Steward.Cli.Commands;
using Steward.Cli.Corba;
using Steward.Cli.N4;

// Each area adds its own subcommand from Commands/; keep this file to composition only.
var root = new RootCommand("Steward: RPC code generation and tools, CNI runtime, Kubernetes extension scaffolding, 5G N4 (SMF and UPF).");
root.Subcommands.Add(GenCommand.Create());
root.Subcommands.Add(ProtoCommand.Create());
root.Subcommands.Add(CniCommand.Create());
root.Subcommands.Add(KubeCommand.Create());
root.Subcommands.Add(CorbaCommand.Create());
root.Subcommands.Add(SmfCommand.Create());
root.Subcommands.Add(UpfCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
