using System.Collections;
using System.Globalization;
using System.Net;
using System.Text;

namespace Steward.Pfcp.Tests;

/// <summary>
/// A structural text of a model object (every property, lists item by item), so two messages compare by
/// content; records alone compare lists by reference. Reflection is fine here: only the libraries must trim.
/// </summary>
internal static class ModelDump
{
    public static string Of(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value, 0);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value, int depth)
    {
        if (depth > 16)
        {
            throw new InvalidOperationException("model nests deeper than any PFCP message");
        }

        switch (value)
        {
            case null:
                builder.Append("null");
                return;
            case string s:
                builder.Append('"').Append(s).Append('"');
                return;
            case IPAddress or Enum:
                builder.Append(value);
                return;
            case IFormattable f when value.GetType().IsPrimitive:
                builder.Append(f.ToString(null, CultureInfo.InvariantCulture));
                return;
            case IEnumerable list:
                builder.Append('[');
                foreach (var item in list)
                {
                    Append(builder, item, depth + 1);
                    builder.Append(',');
                }

                builder.Append(']');
                return;
        }

        var type = value.GetType();
        builder.Append(type.Name).Append('{');
        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract").OrderBy(p => p.Name))
        {
            builder.Append(property.Name).Append('=');
            Append(builder, property.GetValue(value), depth + 1);
            builder.Append(' ');
        }

        builder.Append('}');
    }
}
