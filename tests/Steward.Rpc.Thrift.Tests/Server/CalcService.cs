using System.Collections.Concurrent;

namespace Steward.Rpc.Thrift.Tests.Server;

// Hand-written args/result structs, shaped as the Thrift generator shapes them for:
//   exception CalcError { 1: string reason }
//   service Calc {
//     string echo(1: string text)
//     i32 add(1: i32 a, 2: i32 b) throws (1: CalcError error)
//     oneway void notify(1: string text)
//   }

public sealed class TextArgs : IThriftStruct
{
    public string? Text { get; set; }

    public void Write(ThriftWriter writer)
    {
        writer.WriteStructBegin("args");
        if (Text is not null)
        {
            writer.WriteFieldBegin("text", ThriftType.String, 1);
            writer.WriteString(Text);
            writer.WriteFieldEnd();
        }
        writer.WriteFieldStop();
        writer.WriteStructEnd();
    }

    public void Read(ThriftReader reader)
    {
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { Type: not ThriftType.Stop } field)
        {
            if (field is { Id: 1, Type: ThriftType.String })
            {
                Text = reader.ReadString();
            }
            else
            {
                reader.Skip(field.Type);
            }
            reader.ReadFieldEnd();
        }
        reader.ReadStructEnd();
    }
}

public sealed class TextResult : IThriftStruct
{
    public string? Success { get; set; }

    public void Write(ThriftWriter writer)
    {
        writer.WriteStructBegin("result");
        if (Success is not null)
        {
            writer.WriteFieldBegin("success", ThriftType.String, 0);
            writer.WriteString(Success);
            writer.WriteFieldEnd();
        }
        writer.WriteFieldStop();
        writer.WriteStructEnd();
    }

    public void Read(ThriftReader reader)
    {
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { Type: not ThriftType.Stop } field)
        {
            if (field is { Id: 0, Type: ThriftType.String })
            {
                Success = reader.ReadString();
            }
            else
            {
                reader.Skip(field.Type);
            }
            reader.ReadFieldEnd();
        }
        reader.ReadStructEnd();
    }
}

public sealed class AddArgs : IThriftStruct
{
    public int A { get; set; }
    public int B { get; set; }

    public void Write(ThriftWriter writer)
    {
        writer.WriteStructBegin("add_args");
        writer.WriteFieldBegin("a", ThriftType.I32, 1);
        writer.WriteI32(A);
        writer.WriteFieldEnd();
        writer.WriteFieldBegin("b", ThriftType.I32, 2);
        writer.WriteI32(B);
        writer.WriteFieldEnd();
        writer.WriteFieldStop();
        writer.WriteStructEnd();
    }

    public void Read(ThriftReader reader)
    {
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { Type: not ThriftType.Stop } field)
        {
            switch (field)
            {
                case { Id: 1, Type: ThriftType.I32 }:
                    A = reader.ReadI32();
                    break;
                case { Id: 2, Type: ThriftType.I32 }:
                    B = reader.ReadI32();
                    break;
                default:
                    reader.Skip(field.Type);
                    break;
            }
            reader.ReadFieldEnd();
        }
        reader.ReadStructEnd();
    }
}

public sealed class CalcError : IThriftStruct
{
    public string? Reason { get; set; }

    public void Write(ThriftWriter writer)
    {
        writer.WriteStructBegin("CalcError");
        if (Reason is not null)
        {
            writer.WriteFieldBegin("reason", ThriftType.String, 1);
            writer.WriteString(Reason);
            writer.WriteFieldEnd();
        }
        writer.WriteFieldStop();
        writer.WriteStructEnd();
    }

    public void Read(ThriftReader reader)
    {
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { Type: not ThriftType.Stop } field)
        {
            if (field is { Id: 1, Type: ThriftType.String })
            {
                Reason = reader.ReadString();
            }
            else
            {
                reader.Skip(field.Type);
            }
            reader.ReadFieldEnd();
        }
        reader.ReadStructEnd();
    }
}

/// <summary>add's result: success in field 0, the declared exception in field 1.</summary>
public sealed class AddResult : IThriftStruct
{
    public int? Success { get; set; }
    public CalcError? Error { get; set; }

    public void Write(ThriftWriter writer)
    {
        writer.WriteStructBegin("add_result");
        if (Success is { } value)
        {
            writer.WriteFieldBegin("success", ThriftType.I32, 0);
            writer.WriteI32(value);
            writer.WriteFieldEnd();
        }
        if (Error is not null)
        {
            writer.WriteFieldBegin("error", ThriftType.Struct, 1);
            Error.Write(writer);
            writer.WriteFieldEnd();
        }
        writer.WriteFieldStop();
        writer.WriteStructEnd();
    }

    public void Read(ThriftReader reader)
    {
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { Type: not ThriftType.Stop } field)
        {
            switch (field)
            {
                case { Id: 0, Type: ThriftType.I32 }:
                    Success = reader.ReadI32();
                    break;
                case { Id: 1, Type: ThriftType.Struct }:
                    Error = new CalcError();
                    Error.Read(reader);
                    break;
                default:
                    reader.Skip(field.Type);
                    break;
            }
            reader.ReadFieldEnd();
        }
        reader.ReadStructEnd();
    }
}

/// <summary>The result of a oneway (or void) method: no fields.</summary>
public sealed class VoidResult : IThriftStruct
{
    public void Write(ThriftWriter writer)
    {
        writer.WriteStructBegin("void_result");
        writer.WriteFieldStop();
        writer.WriteStructEnd();
    }

    public void Read(ThriftReader reader)
    {
        reader.ReadStructBegin();
        while (reader.ReadFieldBegin() is { Type: not ThriftType.Stop } field)
        {
            reader.Skip(field.Type);
            reader.ReadFieldEnd();
        }
        reader.ReadStructEnd();
    }
}

/// <summary>The Calc service: method descriptors as generated code would declare them, and its implementation.</summary>
public static class CalcService
{
    public const string Name = "Calc";

    public static readonly Method<TextArgs, TextResult> Echo = Create<TextArgs, TextResult>("echo");
    public static readonly Method<AddArgs, AddResult> Add = Create<AddArgs, AddResult>("add");
    public static readonly Method<TextArgs, VoidResult> Notify = Create<TextArgs, VoidResult>("notify", oneway: true);
    public static readonly Method<TextArgs, TextResult> Missing = Create<TextArgs, TextResult>("missing");

    /// <summary>Texts received by notify (oneway), in order.</summary>
    public static ConcurrentQueue<string> Notified { get; } = new();
    public static SemaphoreSlim NotifiedSignal { get; } = new(0);

    private static int _running;
    private static int _maxRunning;
    public static int MaxRunning => Volatile.Read(ref _maxRunning);
    public static void ResetRunning() => Volatile.Write(ref _maxRunning, 0);
    /// <summary>Peers seen by echo("peer"), to count connections.</summary>
    public static ConcurrentDictionary<string, int> Peers { get; } = new();

    public static Method<TArgs, TResult> Create<TArgs, TResult>(string name, bool oneway = false, string service = Name)
        where TArgs : class, IThriftStruct, new() where TResult : class, IThriftStruct, new() =>
        new(MethodType.Unary, service, name, ThriftStructMarshaller<TArgs>.Default, ThriftStructMarshaller<TResult>.Default)
        {
            IsOneway = oneway,
            Codecs = MethodCodecs.Empty.With(ThriftMethodCodec.ForStructs<TArgs, TResult>()),
        };

    public static ServiceDefinition Bind() => ServiceDefinition.CreateBuilder(Name)
        .AddMethod(Echo, EchoAsync)
        .AddMethod(Add, (args, _) => Task.FromResult(args.B == 0
            ? new AddResult { Error = new CalcError { Reason = "b is zero" } }
            : new AddResult { Success = args.A + args.B }))
        .AddMethod(Notify, (args, _) =>
        {
            Notified.Enqueue(args.Text ?? "");
            NotifiedSignal.Release();
            return Task.FromResult(new VoidResult());
        })
        .Build();

    private static async Task<TextResult> EchoAsync(TextArgs args, ServerCallContext context)
    {
        var text = args.Text ?? "";
        switch (text)
        {
            case "sleep":
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                break;
            case "throw":
                throw new InvalidOperationException("boom");
            case "context":
                return new TextResult { Success = $"{context.Protocol} {context.Method} {((ThriftServerCallContext)context).MessageName}" };
            case "peer":
                Peers.AddOrUpdate(context.Peer, 1, (_, n) => n + 1);
                return new TextResult { Success = context.Peer };
        }
        if (text.StartsWith("fail:", StringComparison.Ordinal))
        {
            var parts = text.Split(':', 3);
            throw new RpcException(new Status(Enum.Parse<StatusCode>(parts[1]), parts[2]));
        }
        if (text.StartsWith("slow:", StringComparison.Ordinal))
        {
            var now = Interlocked.Increment(ref _running);
            int seen;
            while ((seen = Volatile.Read(ref _maxRunning)) < now && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
            {
            }
            try
            {
                await Task.Delay(int.Parse(text[5..], System.Globalization.CultureInfo.InvariantCulture), context.CancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
        if (text.StartsWith("big:", StringComparison.Ordinal))
        {
            return new TextResult { Success = new string('x', int.Parse(text[4..], System.Globalization.CultureInfo.InvariantCulture)) };
        }
        return new TextResult { Success = text };
    }
}
