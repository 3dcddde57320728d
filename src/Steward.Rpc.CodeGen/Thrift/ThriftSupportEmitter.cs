namespace Steward.Rpc.CodeGen.Thrift;

/// <summary>
/// File-local helpers every generated Thrift file carries: content equality for containers and
/// binary, header checks and the ToString formatting. Being <c>file</c> types they never clash
/// with another generated file or the user's code, and the runtime needs no extra API for them.
/// </summary>
internal static class ThriftSupportEmitter
{
    private const string Text = """
        file static class __ThriftSupport
        {
            public static bool Equal<T>(T? a, T? b, global::System.Collections.Generic.IEqualityComparer<T> comparer) where T : class =>
                a is null ? b is null : b is not null && comparer.Equals(a, b);

            public static int Hash<T>(T? value, global::System.Collections.Generic.IEqualityComparer<T> comparer) where T : class =>
                value is null ? 0 : comparer.GetHashCode(value);

            // The reader bounds counts by its limits; this bounds what is allocated before the elements arrive.
            public static int Capacity(int count) => count < 0 ? 0 : global::System.Math.Min(count, 1024);

            public static void CheckElement(global::Steward.Rpc.Thrift.ThriftType actual, global::Steward.Rpc.Thrift.ThriftType expected, int count, string where)
            {
                if (count > 0 && actual != expected)
                {
                    throw new global::Steward.Rpc.Thrift.ThriftProtocolException(
                        global::Steward.Rpc.Thrift.ThriftProtocolError.InvalidData,
                        "'" + where + "' arrived holding " + actual.ToString() + " where " + expected.ToString() + " was declared.");
                }
            }

            public static void AppendField(global::System.Text.StringBuilder text, ref bool first, string name, object? value)
            {
                if (!first)
                {
                    text.Append(", ");
                }
                first = false;
                text.Append(name).Append(": ");
                AppendValue(text, value);
            }

            private static void AppendValue(global::System.Text.StringBuilder text, object? value)
            {
                switch (value)
                {
                    case null:
                        text.Append("null");
                        break;
                    case string s:
                        text.Append(s);
                        break;
                    case byte[] bytes:
                        text.Append(global::System.Convert.ToHexString(bytes));
                        break;
                    case global::System.Collections.IDictionary map:
                    {
                        text.Append('{');
                        var first = true;
                        foreach (global::System.Collections.DictionaryEntry entry in map)
                        {
                            text.Append(first ? "" : ", ");
                            first = false;
                            AppendValue(text, entry.Key);
                            text.Append(": ");
                            AppendValue(text, entry.Value);
                        }
                        text.Append('}');
                        break;
                    }
                    case global::System.Collections.IEnumerable items:
                    {
                        text.Append('[');
                        var first = true;
                        foreach (var item in items)
                        {
                            text.Append(first ? "" : ", ");
                            first = false;
                            AppendValue(text, item);
                        }
                        text.Append(']');
                        break;
                    }
                    case global::System.IFormattable formattable:
                        text.Append(formattable.ToString(null, global::System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    default:
                        text.Append(value.ToString());
                        break;
                }
            }
        }

        file sealed class __ThriftBinaryComparer : global::System.Collections.Generic.IEqualityComparer<byte[]>
        {
            public static readonly __ThriftBinaryComparer Instance = new();

            public bool Equals(byte[]? x, byte[]? y) =>
                x is null ? y is null : y is not null && global::System.MemoryExtensions.SequenceEqual<byte>(x, y);

            public int GetHashCode(byte[] obj)
            {
                var hash = new global::System.HashCode();
                hash.AddBytes(obj);
                return hash.ToHashCode();
            }
        }

        file sealed class __ThriftListComparer<T>(global::System.Collections.Generic.IEqualityComparer<T> element)
            : global::System.Collections.Generic.IEqualityComparer<global::System.Collections.Generic.List<T>>
        {
            public bool Equals(global::System.Collections.Generic.List<T>? x, global::System.Collections.Generic.List<T>? y)
            {
                if (x is null || y is null)
                {
                    return x is null && y is null;
                }
                if (x.Count != y.Count)
                {
                    return false;
                }
                for (var i = 0; i < x.Count; i++)
                {
                    if (!element.Equals(x[i], y[i]))
                    {
                        return false;
                    }
                }
                return true;
            }

            public int GetHashCode(global::System.Collections.Generic.List<T> obj)
            {
                var hash = new global::System.HashCode();
                foreach (var item in obj)
                {
                    hash.Add(item, element);
                }
                return hash.ToHashCode();
            }
        }

        file sealed class __ThriftSetComparer<T>(global::System.Collections.Generic.IEqualityComparer<T> element)
            : global::System.Collections.Generic.IEqualityComparer<global::System.Collections.Generic.HashSet<T>>
        {
            public bool Equals(global::System.Collections.Generic.HashSet<T>? x, global::System.Collections.Generic.HashSet<T>? y)
            {
                if (x is null || y is null)
                {
                    return x is null && y is null;
                }
                if (x.Count != y.Count)
                {
                    return false;
                }
                foreach (var item in x)
                {
                    // Elements that are containers or binary hash by reference in the set itself: look by content then.
                    if (!y.Contains(item) && !global::System.Linq.Enumerable.Any(y, other => element.Equals(item, other)))
                    {
                        return false;
                    }
                }
                return true;
            }

            public int GetHashCode(global::System.Collections.Generic.HashSet<T> obj)
            {
                var hash = 0;
                foreach (var item in obj)
                {
                    hash = unchecked(hash + (item is null ? 0 : element.GetHashCode(item)));
                }
                return hash;
            }
        }

        file sealed class __ThriftMapComparer<TKey, TValue>(
            global::System.Collections.Generic.IEqualityComparer<TKey> key,
            global::System.Collections.Generic.IEqualityComparer<TValue> value)
            : global::System.Collections.Generic.IEqualityComparer<global::System.Collections.Generic.Dictionary<TKey, TValue>>
            where TKey : notnull
        {
            public bool Equals(global::System.Collections.Generic.Dictionary<TKey, TValue>? x, global::System.Collections.Generic.Dictionary<TKey, TValue>? y)
            {
                if (x is null || y is null)
                {
                    return x is null && y is null;
                }
                if (x.Count != y.Count)
                {
                    return false;
                }
                foreach (var entry in x)
                {
                    if (y.TryGetValue(entry.Key, out var other))
                    {
                        if (!value.Equals(entry.Value, other))
                        {
                            return false;
                        }
                    }
                    else if (!global::System.Linq.Enumerable.Any(y, o => key.Equals(entry.Key, o.Key) && value.Equals(entry.Value, o.Value)))
                    {
                        return false;
                    }
                }
                return true;
            }

            public int GetHashCode(global::System.Collections.Generic.Dictionary<TKey, TValue> obj)
            {
                var hash = 0;
                foreach (var entry in obj)
                {
                    var valueHash = entry.Value is null ? 0 : value.GetHashCode(entry.Value);
                    hash = unchecked(hash + global::System.HashCode.Combine(key.GetHashCode(entry.Key), valueHash));
                }
                return hash;
            }
        }
        """;

    public static void Emit(CodeWriter w)
    {
        foreach (var line in Text.Replace("\r", "").Split('\n'))
        {
            w.Line(line);
        }
    }
}
