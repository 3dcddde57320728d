using System.Collections.Generic;

namespace Steward.Rpc.Schema;

/// <summary>
/// A proto <c>extend Target { ... }</c> block. In proto3 these only define custom options
/// (<c>extend google.protobuf.FieldOptions</c>); they are recorded so generators and option
/// readers can see which extension numbers exist.
/// </summary>
public sealed class ExtendDef
{
    /// <summary>An <c>extend</c> block of <paramref name="extendee"/> with no fields yet.</summary>
    public ExtendDef(TypeRef extendee, SourceLocation location)
    {
        Extendee = extendee;
        Location = location;
    }

    /// <summary>The extended message, as written and, once linked, resolved.</summary>
    public TypeRef Extendee { get; }
    /// <summary>Where the block is written.</summary>
    public SourceLocation Location { get; }
    /// <summary>The extension fields; each has <see cref="FieldDef.Extendee"/> pointing back here.</summary>
    public List<FieldDef> Fields { get; } = new();
    /// <summary>The message the block is nested in (scope of the extension names); null at file level.</summary>
    public MessageDef? Parent { get; set; }
    /// <summary>The file that declares the block.</summary>
    public SchemaFile? File { get; set; }
    /// <summary>Leading comment, without comment markers.</summary>
    public string? Documentation { get; set; }
}
