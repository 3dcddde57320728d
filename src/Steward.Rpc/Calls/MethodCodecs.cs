namespace Steward.Rpc;

/// <summary>
/// Protocol-specific codecs a method carries besides its byte marshallers (Thrift's args/result
/// codec, later Ice's and GIOP's parameter codecs), looked up by their type. Generated code fills
/// it; a transport asks for the one it needs and answers "not served here" when it is absent.
/// Immutable: <see cref="With{T}"/> returns a new set.
/// </summary>
public sealed class MethodCodecs
{
    private readonly object[] _codecs;

    private MethodCodecs(object[] codecs) => _codecs = codecs;

    /// <summary>A set with no codecs: the method is carried only by protocols that use its marshallers.</summary>
    public static MethodCodecs Empty { get; } = new([]);

    /// <summary>A new set with <paramref name="codec"/> added after the codecs already present.</summary>
    public MethodCodecs With<T>(T codec) where T : class
    {
        ArgumentNullException.ThrowIfNull(codec);
        var codecs = new object[_codecs.Length + 1];
        _codecs.CopyTo(codecs, 0);
        codecs[^1] = codec;
        return new MethodCodecs(codecs);
    }

    /// <summary>The first codec assignable to <typeparamref name="T"/>, or null.</summary>
    public T? Get<T>() where T : class
    {
        foreach (var codec in _codecs)
        {
            if (codec is T typed)
            {
                return typed;
            }
        }
        return null;
    }
}
