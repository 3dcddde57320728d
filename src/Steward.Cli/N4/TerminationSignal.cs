using System.Runtime.InteropServices;

namespace Steward.Cli.N4;

/// <summary>
/// A token cancelled by SIGTERM or SIGINT (Ctrl-C), for the long-running N4 commands to stop
/// cleanly. System.CommandLine 2.0.0 ships with its process termination handling off
/// (ProcessTerminationTimeout is null, dotnet/command-line-api#2739), so its token never fires
/// for a signal; these registrations keep the process alive until the command has finished.
/// </summary>
internal sealed class TerminationSignal : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _interrupt;

    public TerminationSignal(CancellationToken invocation)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(invocation);
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        _term.Dispose();
        _interrupt.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _cancel.Cancel();
    }
}
