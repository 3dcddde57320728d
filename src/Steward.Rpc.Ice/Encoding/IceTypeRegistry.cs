using System.Collections.Concurrent;

namespace Steward.Rpc.Ice;

/// <summary>
/// The factories of the Slice classes and exceptions this process knows, by type id (and compact id).
/// Generated code fills it from a module initializer, so decoding never needs reflection.
/// </summary>
public static class IceTypeRegistry
{
    private static readonly ConcurrentDictionary<string, Func<IceValue>> Values = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Func<IceUserException>> Exceptions = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<int, string> CompactIds = new();

    /// <summary>Registers the class <paramref name="typeId"/> (and its compact id when not negative).</summary>
    public static void RegisterValue(string typeId, Func<IceValue> factory, int compactId = -1)
    {
        ArgumentNullException.ThrowIfNull(typeId);
        ArgumentNullException.ThrowIfNull(factory);
        Values[typeId] = factory;
        if (compactId >= 0)
        {
            CompactIds[compactId] = typeId;
        }
    }

    /// <summary>Registers the exception <paramref name="typeId"/>.</summary>
    public static void RegisterException(string typeId, Func<IceUserException> factory)
    {
        ArgumentNullException.ThrowIfNull(typeId);
        ArgumentNullException.ThrowIfNull(factory);
        Exceptions[typeId] = factory;
    }

    /// <summary>A new instance of the class <paramref name="typeId"/>, or null when it is not registered.</summary>
    public static IceValue? CreateValue(string typeId) => Values.TryGetValue(typeId, out var factory) ? factory() : null;

    /// <summary>A new exception of type <paramref name="typeId"/>, or null when it is not registered.</summary>
    public static IceUserException? CreateException(string typeId) => Exceptions.TryGetValue(typeId, out var factory) ? factory() : null;

    /// <summary>The type id registered for <paramref name="compactId"/>, or null.</summary>
    public static string? ResolveCompactId(int compactId) => CompactIds.TryGetValue(compactId, out var typeId) ? typeId : null;
}

/// <summary>The format byte of an optional member or parameter (its low three bits on the wire).</summary>
public enum IceOptionalFormat : byte
{
    /// <summary>One byte (bool, byte).</summary>
    F1 = 0,
    /// <summary>Two bytes (short).</summary>
    F2 = 1,
    /// <summary>Four bytes (int, float).</summary>
    F4 = 2,
    /// <summary>Eight bytes (long, double).</summary>
    F8 = 3,
    /// <summary>A size (enum).</summary>
    Size = 4,
    /// <summary>A size then that many bytes (string, fixed-size struct, sequences of fixed-size elements).</summary>
    VSize = 5,
    /// <summary>An int then that many bytes (variable-size values, proxies).</summary>
    FSize = 6,
    /// <summary>A class instance.</summary>
    Class = 7,
}

/// <summary>
/// Raised when a user exception's slices are all unknown (or unknown in the compact format): the runtime reports it as
/// Ice's <c>UnknownUserException</c> with <see cref="TypeId"/>.
/// </summary>
public sealed class IceUnknownUserExceptionException : IceMarshalException
{
    /// <summary>An exception naming the most-derived type id read.</summary>
    public IceUnknownUserExceptionException(string typeId)
        : base($"Unknown user exception {typeId}.")
    {
        TypeId = typeId;
    }

    /// <summary>The most-derived type id read (<c>::Test::OtherError</c>).</summary>
    public string TypeId { get; }
}

internal static class IceSliceFlags
{
    public const byte HasTypeIdString = 1;
    public const byte HasTypeIdIndex = 2;
    public const byte HasTypeIdCompact = 3;
    public const byte HasOptionalMembers = 4;
    public const byte HasIndirectionTable = 8;
    public const byte HasSliceSize = 16;
    public const byte IsLastSlice = 32;
    public const byte OptionalEndMarker = 0xFF;
}
