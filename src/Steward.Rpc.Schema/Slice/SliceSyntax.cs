namespace Steward.Rpc.Schema.Slice;

/// <summary>
/// The <see cref="IdlSyntax"/> of files written in ZeroC's Slice (Ice 3.7): every file the Slice
/// front-end produces carries it, and the Ice emitter generates C# for exactly these files.
/// </summary>
public static class SliceSyntax
{
    /// <summary>A ZeroC Slice (<c>.ice</c>) file.</summary>
    public static readonly IdlSyntax Slice = new("Slice");
}
