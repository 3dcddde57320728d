using System.Text;

namespace Steward.Rpc.Corba.Naming;

/// <summary>
/// The stringified names of the Interoperable Naming Service (CosNaming, 2.4): components separated by <c>/</c>,
/// id and kind by <c>.</c>, with <c>\</c> escaping <c>/</c>, <c>.</c> and <c>\</c>. <c>a.b/c</c> is (a, b), (c, "");
/// a component <c>.</c> is ("", ""). An empty string, an empty component or a second unescaped dot is InvalidName.
/// </summary>
public static class CosNames
{
    /// <summary><paramref name="name"/> as a string name (NamingContextExt::to_string).</summary>
    public static string ToString(IReadOnlyList<NameComponent> name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder();
        for (var i = 0; i < name.Count; i++)
        {
            if (i > 0)
            {
                text.Append('/');
            }
            var component = name[i];
            if (component.Id.Length == 0 && component.Kind.Length == 0)
            {
                text.Append('.');
                continue;
            }
            Escape(text, component.Id);
            if (component.Kind.Length > 0)
            {
                text.Append('.');
                Escape(text, component.Kind);
            }
        }
        return text.ToString();
    }

    /// <summary>The name a string name stands for (NamingContextExt::to_name); InvalidName when malformed.</summary>
    public static NameComponent[] Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw NamingException.InvalidName();
        }
        var components = new List<NameComponent>();
        var id = new StringBuilder();
        var kind = new StringBuilder();
        var current = id;
        var dotted = false;
        var any = false;
        void Finish()
        {
            if (!any && !dotted)
            {
                throw NamingException.InvalidName();
            }
            components.Add(new NameComponent(id.ToString(), kind.ToString()));
            id.Clear();
            kind.Clear();
            current = id;
            dotted = false;
            any = false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 >= text.Length)
                    {
                        throw NamingException.InvalidName();
                    }
                    current.Append(text[++i]);
                    any = true;
                    break;
                case '/':
                    Finish();
                    break;
                case '.':
                    if (dotted)
                    {
                        throw NamingException.InvalidName();
                    }
                    dotted = true;
                    current = kind;
                    break;
                default:
                    current.Append(c);
                    any = true;
                    break;
            }
        }
        Finish();
        return [.. components];
    }

    private static void Escape(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            if (c is '/' or '.' or '\\')
            {
                text.Append('\\');
            }
            text.Append(c);
        }
    }
}
