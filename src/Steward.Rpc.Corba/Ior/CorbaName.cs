using System.Text;

namespace Steward.Rpc.Corba;

/// <summary>One component of a CosNaming name: an id and a kind (either may be empty).</summary>
public readonly record struct CorbaNameComponent(string Id, string Kind)
{
    /// <summary>The component as a stringified name writes it: <c>id.kind</c>, <c>id</c> when the kind is empty, <c>.</c> when both are.</summary>
    public override string ToString() => CorbaName.ToString([this]);
}

/// <summary>
/// Stringified CosNaming names (CosNaming 2.4): components separated by <c>/</c>, id and kind by <c>.</c>, and
/// <c>\</c> escaping <c>/</c>, <c>.</c> and <c>\</c> inside an id or kind. An empty component, a second
/// unescaped <c>.</c> in one component or a dangling <c>\</c> is a BAD_PARAM (CosNaming's InvalidName).
/// </summary>
public static class CorbaName
{
    /// <summary>The components of <paramref name="text"/> (an empty string is the empty name).</summary>
    public static IReadOnlyList<CorbaNameComponent> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var components = new List<CorbaNameComponent>();
        if (text.Length == 0)
        {
            return components;
        }
        var id = new StringBuilder();
        var kind = new StringBuilder();
        var inKind = false;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '/')
            {
                if (i == start)
                {
                    throw Invalid(text, $"an empty component at offset {i}");
                }
                components.Add(new CorbaNameComponent(id.ToString(), kind.ToString()));
                id.Clear();
                kind.Clear();
                inKind = false;
                start = i + 1;
                continue;
            }
            var c = text[i];
            if (c == '\\')
            {
                if (i + 1 == text.Length || text[i + 1] is not ('/' or '.' or '\\'))
                {
                    throw Invalid(text, $"a \\ at offset {i} that escapes neither /, . nor \\");
                }
                c = text[++i];
            }
            else if (c == '.')
            {
                if (inKind)
                {
                    throw Invalid(text, $"a second . in one component at offset {i}");
                }
                inKind = true;
                continue;
            }
            (inKind ? kind : id).Append(c);
        }
        return components;
    }

    /// <summary>The stringified form of <paramref name="name"/>, escaping as <see cref="Parse"/> reads it.</summary>
    public static string ToString(IEnumerable<CorbaNameComponent> name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder();
        foreach (var component in name)
        {
            if (text.Length > 0)
            {
                text.Append('/');
            }
            Escaped(text, component.Id ?? "");
            if (!string.IsNullOrEmpty(component.Kind) || string.IsNullOrEmpty(component.Id))
            {
                text.Append('.');
                Escaped(text, component.Kind ?? "");
            }
        }
        return text.ToString();
    }

    private static void Escaped(StringBuilder text, string part)
    {
        foreach (var c in part)
        {
            if (c is '/' or '.' or '\\')
            {
                text.Append('\\');
            }
            text.Append(c);
        }
    }

    private static CorbaSystemException Invalid(string text, string why) =>
        CorbaSystemException.BadParam($"'{text}' is not a stringified name: {why}.", CorbaObjectReference.BadSchemeSpecificPartMinor);
}
