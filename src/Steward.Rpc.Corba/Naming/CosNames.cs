namespace Steward.Rpc.Corba.Naming;

/// <summary>
/// The stringified names of the Interoperable Naming Service (CosNaming, 2.4) as <see cref="NameComponent"/> lists,
/// by <see cref="CorbaName"/>'s rules: components separated by <c>/</c>, id and kind by <c>.</c>, with <c>\</c>
/// escaping <c>/</c>, <c>.</c> and <c>\</c>. <c>a.b/c</c> is (a, b), (c, ""); a component <c>.</c> is ("", "").
/// An empty string, an empty component or a second unescaped dot is InvalidName.
/// </summary>
public static class CosNames
{
    /// <summary><paramref name="name"/> as a string name (NamingContextExt::to_string).</summary>
    public static string ToString(IReadOnlyList<NameComponent> name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return CorbaName.ToString(name.Select(c => new CorbaNameComponent(c.Id, c.Kind)));
    }

    /// <summary>The name a string name stands for (NamingContextExt::to_name); InvalidName when malformed.</summary>
    public static NameComponent[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw NamingException.InvalidName();
        }
        try
        {
            return [.. CorbaName.Parse(text).Select(c => new NameComponent(c.Id, c.Kind))];
        }
        catch (CorbaSystemException ex) when (ex.Name == "BAD_PARAM")
        {
            throw NamingException.InvalidName();
        }
    }
}
