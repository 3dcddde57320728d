namespace Steward.Rpc.Corba;

/// <summary>
/// What a <see cref="CorbaChannel"/> accepts as a reference: an <c>IOR:</c> string or a <c>corbaloc:</c> URL
/// (<see cref="CorbaObjectReference.Parse"/>), or a <c>corbaname:</c> URL, which the channel takes as the naming
/// context it names (its key, NameService by default; the name after <c>#</c> is for the naming client to resolve).
/// </summary>
internal static class CorbaReferenceText
{
    public static CorbaObjectReference Parse(string text, CdrLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith("corbaname:", StringComparison.OrdinalIgnoreCase))
        {
            return CorbaUrl.Parse(trimmed).ToObjectReference();
        }
        return CorbaObjectReference.Parse(trimmed, limits);
    }

    /// <summary>
    /// The code sets a client uses with the server of <paramref name="profile"/>, or null when the profile offers none
    /// (then nothing is negotiated: ISO-8859-1 chars, no wchars, and no CodeSets service context is sent).
    /// </summary>
    public static CodeSets? ChooseCodeSets(IiopProfile profile, CdrLimits limits) =>
        CodeSetComponentInfo.Find(profile, limits) is null ? null : CodeSetComponentInfo.ChooseTransmissionCodeSets(profile, limits);
}
