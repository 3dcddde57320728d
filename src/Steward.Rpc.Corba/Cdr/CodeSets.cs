namespace Steward.Rpc.Corba;

/// <summary>
/// The transmission code sets of a connection (OSF registry ids), chosen by code-set negotiation: the
/// client picks them from the server IOR's TAG_CODE_SETS component and announces them in the CodeSets
/// service context of its first request. Before negotiation (and in GIOP 1.0) char is ISO-8859-1 and
/// wchar is not allowed.
/// </summary>
public readonly record struct CodeSets(uint Char, uint WChar)
{
    /// <summary>ISO 8859-1 (Latin-1), the default char code set.</summary>
    public const uint Iso8859_1 = 0x00010001;

    /// <summary>UTF-8, omniORB's native char code set.</summary>
    public const uint Utf8 = 0x05010001;

    /// <summary>UTF-16, the wchar code set Steward speaks (omniORB's native wchar code set).</summary>
    public const uint Utf16 = 0x00010109;

    /// <summary>No wchar code set negotiated: a wchar or wstring is then a BAD_PARAM (writing) or MARSHAL (reading).</summary>
    public const uint None = 0;

    /// <summary>What a connection uses before negotiation: ISO-8859-1 chars, no wchar.</summary>
    public static CodeSets Default { get; } = new(Iso8859_1, None);

    /// <summary>What Steward negotiates when the peer offers it, as omniORB does: UTF-8 chars, UTF-16 wchars.</summary>
    public static CodeSets Native { get; } = new(Utf8, Utf16);
}
