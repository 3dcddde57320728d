namespace Steward.Rpc.Grpc;

/// <summary>Reads request messages as the handler asks for them; once the client has half-closed, MoveNext keeps returning false.</summary>
internal sealed class RequestStreamReader<T>(GrpcServerCallContext context, Marshaller<T> marshaller) : IAsyncStreamReader<T> where T : class
{
    private T? _current;
    private bool _ended;

    public T Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (_ended)
        {
            return false;
        }
        cancellationToken.ThrowIfCancellationRequested();
        var read = await context.ReadMessageAsync(marshaller).ConfigureAwait(false);
        if (!read.HasMessage)
        {
            _ended = true;
            _current = null;
            return false;
        }
        _current = read.Message;
        return true;
    }
}
