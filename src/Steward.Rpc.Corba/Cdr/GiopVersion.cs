namespace Steward.Rpc.Corba;

/// <summary>A GIOP (and IIOP) version: 1.0, 1.1 or 1.2. It decides how CDR writes wide characters and what a message may carry.</summary>
public readonly record struct GiopVersion(byte Major, byte Minor)
{
    /// <summary>GIOP 1.0: no fragments, no wide characters, no code-set negotiation.</summary>
    public static GiopVersion V1_0 { get; } = new(1, 0);

    /// <summary>GIOP 1.1: fragments after the first message, wide characters with a terminating NUL.</summary>
    public static GiopVersion V1_1 { get; } = new(1, 1);

    /// <summary>GIOP 1.2: target addresses, bodies aligned on 8, wide strings as counted octets.</summary>
    public static GiopVersion V1_2 { get; } = new(1, 2);

    /// <summary>True for 1.0 to 1.2, the versions Steward speaks.</summary>
    public bool IsSupported => Major == 1 && Minor <= 2;

    /// <summary>True when this version is at least <paramref name="major"/>.<paramref name="minor"/>.</summary>
    public bool IsAtLeast(byte major, byte minor) => Major > major || (Major == major && Minor >= minor);

    /// <summary><c>1.2</c>.</summary>
    public override string ToString() => $"{Major}.{Minor}";
}
