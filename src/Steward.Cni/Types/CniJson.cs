using System.Text.Json;

namespace Steward.Cni.Types;

/// <summary>
/// The plugin protocol's own objects (result, error, version info) written with Utf8JsonWriter and
/// read from a JsonDocument by hand. The serializer's first use of a type builds its metadata
/// (converters, attribute scans, array types made at run time): in a NativeAOT plugin that lives
/// for a few milliseconds that was a tenth of a VERSION call. Output is byte for byte what the
/// source-generated <see cref="CniJsonContext"/> writes (declared property order, nulls left out,
/// the default encoder), and reading follows the serializer's rules: exact property names, unknown
/// properties ignored, the last of duplicate properties wins, a value of the wrong JSON type is a
/// <see cref="JsonException"/> — and, stricter than the serializer, so is a null inside a list of
/// objects (the serializer would hand on a null entry for the plugin to trip over).
/// </summary>
public static class CniJson
{
    private static readonly JsonWriterOptions Compact = new() { SkipValidation = true };
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, IndentSize = 4, SkipValidation = true };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>A result as UTF-8 JSON, indented unless <paramref name="indented"/> is false.</summary>
    public static byte[] Write(CniResult result, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Write(indented, w =>
        {
            w.WriteStartObject();
            String(w, "cniVersion", result.CniVersion);
            if (result.Interfaces is { } interfaces)
            {
                w.WriteStartArray("interfaces");
                foreach (var i in interfaces)
                {
                    w.WriteStartObject();
                    String(w, "name", i.Name);
                    String(w, "mac", i.Mac);
                    Int(w, "mtu", i.Mtu);
                    String(w, "sandbox", i.Sandbox);
                    String(w, "socketPath", i.SocketPath);
                    String(w, "pciID", i.PciId);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (result.Ips is { } ips)
            {
                w.WriteStartArray("ips");
                foreach (var ip in ips)
                {
                    w.WriteStartObject();
                    String(w, "version", ip.Version);
                    Int(w, "interface", ip.Interface);
                    String(w, "address", ip.Address);
                    String(w, "gateway", ip.Gateway);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (result.Routes is { } routes)
            {
                w.WriteStartArray("routes");
                foreach (var r in routes)
                {
                    w.WriteStartObject();
                    String(w, "dst", r.Dst);
                    String(w, "gw", r.Gw);
                    Int(w, "mtu", r.Mtu);
                    Int(w, "advmss", r.AdvMss);
                    Int(w, "priority", r.Priority);
                    Int(w, "table", r.Table);
                    Int(w, "scope", r.Scope);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (result.Dns is { } dns)
            {
                w.WriteStartObject("dns");
                Strings(w, "nameservers", dns.Nameservers);
                String(w, "domain", dns.Domain);
                Strings(w, "search", dns.Search);
                Strings(w, "options", dns.Options);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });
    }

    /// <summary>An error object as UTF-8 JSON.</summary>
    public static byte[] Write(CniErrorPayload error, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Write(indented, w =>
        {
            w.WriteStartObject();
            String(w, "cniVersion", error.CniVersion);
            w.WriteNumber("code", error.Code);
            String(w, "msg", error.Msg);
            String(w, "details", error.Details);
            w.WriteEndObject();
        });
    }

    /// <summary>A VERSION answer as UTF-8 JSON, on one line unless <paramref name="indented"/> is true.</summary>
    public static byte[] Write(CniVersionInfo info, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(info);
        return Write(indented, w =>
        {
            w.WriteStartObject();
            String(w, "cniVersion", info.CniVersion);
            Strings(w, "supportedVersions", info.SupportedVersions);
            w.WriteEndObject();
        });
    }

    /// <summary>Reads a result object; null for a JSON null.</summary>
    public static CniResult? ReadResult(ReadOnlySpan<byte> utf8)
    {
        using var doc = Parse(utf8);
        return ReadResult(doc.RootElement);
    }

    /// <summary>Reads a result object from an element; null for a JSON null.</summary>
    public static CniResult? ReadResult(JsonElement e)
    {
        if (IsNull(e, "CniResult"))
        {
            return null;
        }

        var result = new CniResult();
        foreach (var p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "cniVersion": result.CniVersion = Str(p.Value); break;
                case "interfaces": result.Interfaces = List(p.Value, ReadInterface); break;
                case "ips": result.Ips = List(p.Value, ReadIp); break;
                case "routes": result.Routes = List(p.Value, ReadRoute); break;
                case "dns": result.Dns = ReadDns(p.Value); break;
            }
        }
        return result;
    }

    /// <summary>Reads an error object; null for a JSON null.</summary>
    public static CniErrorPayload? ReadError(ReadOnlySpan<byte> utf8)
    {
        using var doc = Parse(utf8);
        var e = doc.RootElement;
        if (IsNull(e, "CniErrorPayload"))
        {
            return null;
        }

        var error = new CniErrorPayload();
        foreach (var p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "cniVersion": error.CniVersion = Str(p.Value); break;
                case "code": error.Code = p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetUInt32(out var c) ? c : throw Mismatch(p.Value, "uint"); break;
                case "msg": error.Msg = Str(p.Value)!; break;
                case "details": error.Details = Str(p.Value); break;
            }
        }
        return error;
    }

    /// <summary>Reads a VERSION answer; null for a JSON null.</summary>
    public static CniVersionInfo? ReadVersionInfo(ReadOnlySpan<byte> utf8)
    {
        using var doc = Parse(utf8);
        var e = doc.RootElement;
        if (IsNull(e, "CniVersionInfo"))
        {
            return null;
        }

        var info = new CniVersionInfo();
        foreach (var p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "cniVersion": info.CniVersion = Str(p.Value)!; break;
                case "supportedVersions": info.SupportedVersions = List(p.Value, v => Str(v)!)!; break;
            }
        }
        return info;
    }

    private static CniInterface ReadInterface(JsonElement e)
    {
        var i = new CniInterface();
        foreach (var p in Object(e, "CniInterface"))
        {
            switch (p.Name)
            {
                case "name": i.Name = Str(p.Value)!; break;
                case "mac": i.Mac = Str(p.Value); break;
                case "mtu": i.Mtu = Int(p.Value); break;
                case "sandbox": i.Sandbox = Str(p.Value); break;
                case "socketPath": i.SocketPath = Str(p.Value); break;
                case "pciID": i.PciId = Str(p.Value); break;
            }
        }
        return i;
    }

    private static CniIpConfig ReadIp(JsonElement e)
    {
        var ip = new CniIpConfig();
        foreach (var p in Object(e, "CniIpConfig"))
        {
            switch (p.Name)
            {
                case "version": ip.Version = Str(p.Value); break;
                case "interface": ip.Interface = Int(p.Value); break;
                case "address": ip.Address = Str(p.Value)!; break;
                case "gateway": ip.Gateway = Str(p.Value); break;
            }
        }
        return ip;
    }

    private static CniRoute ReadRoute(JsonElement e)
    {
        string? dst = "", gw = null;
        int? mtu = null, advmss = null, priority = null, table = null, scope = null;
        foreach (var p in Object(e, "CniRoute"))
        {
            switch (p.Name)
            {
                case "dst": dst = Str(p.Value); break;
                case "gw": gw = Str(p.Value); break;
                case "mtu": mtu = Int(p.Value); break;
                case "advmss": advmss = Int(p.Value); break;
                case "priority": priority = Int(p.Value); break;
                case "table": table = Int(p.Value); break;
                case "scope": scope = Int(p.Value); break;
            }
        }
        return new CniRoute { Dst = dst!, Gw = gw, Mtu = mtu, AdvMss = advmss, Priority = priority, Table = table, Scope = scope };
    }

    private static CniDns? ReadDns(JsonElement e)
    {
        if (IsNull(e, "CniDns"))
        {
            return null;
        }

        var dns = new CniDns();
        foreach (var p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "nameservers": dns.Nameservers = List(p.Value, v => Str(v)!); break;
                case "domain": dns.Domain = Str(p.Value); break;
                case "search": dns.Search = List(p.Value, v => Str(v)!); break;
                case "options": dns.Options = List(p.Value, v => Str(v)!); break;
            }
        }
        return dns;
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> utf8) => JsonDocument.Parse(utf8.ToArray(), DocumentOptions);

    /// <summary>True for null; throws unless the element is an object.</summary>
    private static bool IsNull(JsonElement e, string type) => e.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.Object => false,
        _ => throw Mismatch(e, type),
    };

    /// <summary>The properties of a list item; a null item is rejected (the models have no null entries).</summary>
    private static JsonElement.ObjectEnumerator Object(JsonElement e, string type) =>
        e.ValueKind == JsonValueKind.Object ? e.EnumerateObject() : throw Mismatch(e, type);

    private static List<T>? List<T>(JsonElement e, Func<JsonElement, T> item)
    {
        if (e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            throw Mismatch(e, "array");
        }

        var list = new List<T>(e.GetArrayLength());
        foreach (var v in e.EnumerateArray())
        {
            list.Add(item(v));
        }

        return list;
    }

    private static string? Str(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Null => null,
        _ => throw Mismatch(e, "string"),
    };

    private static int? Int(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt32(out var n) => n,
        JsonValueKind.Null => null,
        _ => throw Mismatch(e, "int"),
    };

    private static JsonException Mismatch(JsonElement e, string expected) =>
        new($"The JSON value {e.ValueKind} could not be converted to {expected}.");

    private static byte[] Write(bool indented, Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, indented ? Pretty : Compact))
        {
            body(w);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Nulls are left out, as the context's WhenWritingNull does for every reference-typed property.</summary>
    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Int(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, List<string>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
