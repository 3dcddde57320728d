using System.Collections.Generic;

namespace Steward.Rpc.Schema.Slice;

/// <summary>What a Slice name designates; modules and forward declarations have no model element.</summary>
internal enum SliceKind
{
    Module,
    Class,
    ClassForward,
    Interface,
    InterfaceForward,
    Exception,
    Struct,
    Sequence,
    Dictionary,
    Enum,
    Enumerator,
    Const,
}

/// <summary>
/// One named Slice definition as the parser met it: where it sits (the dotted module path), when
/// (its order, so a name resolves only to what is declared before it, as in slice2*), and the model
/// element it became.
/// </summary>
internal sealed class SliceDecl
{
    public SliceDecl(SliceKind kind, string scope, string name, SourceLocation location, int order)
    {
        Kind = kind;
        Scope = scope;
        Name = name;
        Location = location;
        Order = order;
    }

    public SliceKind Kind { get; }
    /// <summary>The enclosing module path, dotted (<c>A.B</c>); the enum's full name for an enumerator.</summary>
    public string Scope { get; }
    public string Name { get; }
    public string FullName => Scope.Length == 0 ? Name : Scope + "." + Name;
    public SourceLocation Location { get; }
    /// <summary>The position among the file's declarations and references; made global by the linker.</summary>
    public int Order { get; set; }
    public bool IsLocal { get; set; }
    /// <summary>The MessageDef, ServiceDef, TypedefDef, EnumDef, EnumValueDef or ConstantDef; null for modules and forward declarations.</summary>
    public SchemaElement? Element { get; set; }
    public SchemaFile? File { get; set; }
    /// <summary>A class's <c>implements</c> list (deprecated in Ice 3.7, checked but not modelled).</summary>
    public List<SliceNameRef> Implements { get; } = new();
    /// <summary>The interfaces <see cref="Implements"/> resolved to.</summary>
    public List<ServiceDef> ImplementedInterfaces { get; } = new();
    /// <summary>A class's operations (deprecated in Ice 3.7): checked against member names, not modelled.</summary>
    public List<MethodDef> ClassOperations { get; } = new();
}

/// <summary>A name written somewhere, with the scope and order it is resolved from.</summary>
internal sealed class SliceNameRef
{
    public SliceNameRef(string name, string scope, int order, SourceLocation location, SchemaFile file)
    {
        Name = name;
        Scope = scope;
        Order = order;
        Location = location;
        File = file;
    }

    /// <summary>The file the name is written in: it sees only itself and what it includes.</summary>
    public SchemaFile File { get; }

    public string Name { get; }
    public string Scope { get; }
    public int Order { get; set; }
    public SourceLocation Location { get; }
}

/// <summary>A type written somewhere: the reference to resolve and the definition it appears in.</summary>
internal sealed class SliceTypeUse
{
    public SliceTypeUse(TypeRef type, SliceNameRef name, SliceDecl? user)
    {
        Type = type;
        Name = name;
        User = user;
    }

    public TypeRef Type { get; }
    public SliceNameRef Name { get; }
    /// <summary>The definition whose member, element or parameter this is (for local-type checks).</summary>
    public SliceDecl? User { get; }
}

/// <summary>A constant value that may name a constant or an enumerator, with its expected type.</summary>
internal sealed class SliceValueUse
{
    public SliceValueUse(ConstantValue value, TypeRef type, string scope, int order, string what, string name, SchemaFile file)
    {
        File = file;
        Value = value;
        Type = type;
        Scope = scope;
        Order = order;
        What = what;
        Name = name;
    }

    public ConstantValue Value { get; }
    public TypeRef Type { get; }
    public SchemaFile File { get; }
    public string Scope { get; }
    public int Order { get; set; }
    /// <summary>"constant" or "data member", for messages.</summary>
    public string What { get; }
    public string Name { get; }
    public bool IsDefault => What != "constant";
}

/// <summary>A tag written as a constant's name (<c>optional(TAG)</c>), resolved by the linker.</summary>
internal sealed class SliceTagUse
{
    public SliceTagUse(FieldDef field, SliceNameRef name)
    {
        Field = field;
        Name = name;
    }

    public FieldDef Field { get; }
    public SliceNameRef Name { get; }
}

/// <summary>A parsed file with what the linker and checker need beyond the model.</summary>
internal sealed class SliceUnit
{
    public SliceUnit(SchemaFile file)
    {
        File = file;
    }

    public SchemaFile File { get; }
    public List<SliceInclude> Includes { get; } = new();
    public List<SliceDecl> Decls { get; } = new();
    public List<SliceTypeUse> TypeUses { get; } = new();
    public List<SliceValueUse> ValueUses { get; } = new();
    public List<SliceTagUse> TagUses { get; } = new();
    /// <summary>Exceptions named in <c>throws</c> clauses: the field stands for one exception.</summary>
    public List<(FieldDef Field, SliceNameRef Name, SliceDecl User)> Throws { get; } = new();
    /// <summary>Enumerators whose value is a constant's name, resolved (and the values after them renumbered) by the linker.</summary>
    public List<(EnumValueDef Enumerator, SliceNameRef Name)> EnumeratorConstants { get; } = new();
    /// <summary>Enumerators without an explicit value: each is the previous value plus one.</summary>
    public HashSet<EnumValueDef> ImplicitEnumerators { get; } = new();
    /// <summary>Bases named after <c>extends</c>, keyed by the class, exception or interface.</summary>
    public List<(SliceDecl Decl, SliceNameRef Name)> Bases { get; } = new();
    public Dictionary<SchemaElement, SliceDecl> DeclOf { get; } = new();
    /// <summary>Every identifier a definition introduces, for the reserved-name checks.</summary>
    public List<(string Name, SourceLocation Location)> Identifiers { get; } = new();
    /// <summary>File metadata <c>[["underscore"]]</c>: underscores are allowed in identifiers.</summary>
    public bool AllowUnderscore { get; set; }
    /// <summary>File metadata <c>[["ice-prefix"]]</c>: names may start with <c>Ice</c>.</summary>
    public bool AllowIcePrefix { get; set; }
    /// <summary>The file has <c>#pragma once</c> or an include guard: including it again adds nothing.</summary>
    public bool IncludedOnce { get; set; }
    /// <summary>True when a root file of the compilation (slice2* check the <c>Ice</c> prefix only there).</summary>
    public bool IsRoot { get; set; }
}
