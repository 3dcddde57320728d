using System.Collections.Generic;

namespace Steward.Rpc.Schema;

/// <summary>
/// A proto <c>extend Target { ... }</c> block. In proto3 these only define custom options
/// (<c>extend google.protobuf.FieldOptions</c>); they are recorded so generators and option
/// readers can see which extension numbers exist.
/// </summary>
public sealed class ExtendDef
{
    public ExtendDef(TypeRef extendee, SourceLocation location)
    {
        Extendee = extendee;
        Location = location;
    }

    /// <summary>The extended message, as written and, once linked, resolved.</summary>
    public TypeRef Extendee { get; }
    public SourceLocation Location { get; }
    /// <summary>The extension fields; each has <see cref="FieldDef.Extendee"/> pointing back here.</summary>
    public List<FieldDef> Fields { get; } = new();
    /// <summary>The message the block is nested in (scope of the extension names); null at file level.</summary>
    public MessageDef? Parent { get; set; }
    public SchemaFile? File { get; set; }
    /// <summary>Leading comment, without comment markers.</summary>
    public string? Documentation { get; set; }
}
