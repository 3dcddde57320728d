namespace Steward.Rpc.Grpc;

/// <summary>Writes and flushes one response message per WriteAsync; a write started before the previous one finished is refused.</summary>
internal sealed class ResponseStreamWriter<T>(GrpcServerCallContext context, Marshaller<T> marshaller) : IServerStreamWriter<T>
{
    private int _writing;

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("A write is already in progress; await each WriteAsync before the next.");
        }
        try
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            context.WriteMessage(message, marshaller);
            await context.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }
}
