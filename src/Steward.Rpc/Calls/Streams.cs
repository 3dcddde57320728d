namespace Steward.Rpc;

/// <summary>Reads a stream of messages; also enumerable with <c>await foreach</c>.</summary>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message the last successful <see cref="MoveNext"/> read.</summary>
    T Current { get; }
    /// <summary>Reads the next message: true if there is one, false once the stream has ended.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken = default);
}

/// <summary>Writes a stream of messages.</summary>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Writes one message; await it before writing the next.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

/// <summary>The client's request stream: write, then complete to half-close.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Half-closes the stream: the peer sees its end, and responses may still arrive.</summary>
    Task CompleteAsync();
}

/// <summary>The server's response stream.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}

/// <summary>Helpers for the stream interfaces.</summary>
public static class AsyncStreamExtensions
{
    /// <summary>Enumerates a stream reader with <c>await foreach</c>.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(
        this IAsyncStreamReader<T> reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.Current;
        }
    }

    /// <summary>Writes every item of a sequence, then completes the stream.</summary>
    public static async Task WriteAllAsync<T>(this IClientStreamWriter<T> writer, IAsyncEnumerable<T> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        await writer.CompleteAsync().ConfigureAwait(false);
    }
}
