using System.Runtime.CompilerServices;

namespace Steward.Rpc.Ice.Tests.Encoding;

/// <summary>A Slice <c>class Node { int value; Node next; }</c> written by hand, as the emitter would.</summary>
internal sealed class TestNode : IceValue
{
    public const string TypeId = "::Tests::Node";

    public int Value { get; set; }

    public TestNode? Next { get; set; }

    public override string IceId => TypeId;

    protected override void IceWriteImpl(IceOutputStream output)
    {
        output.StartSlice(TypeId, -1, true);
        output.WriteInt(Value);
        output.WriteValue(Next);
        output.EndSlice();
    }

    protected override void IceReadImpl(IceInputStream input)
    {
        input.StartSlice();
        Value = input.ReadInt();
        input.ReadValue<TestNode>(v => Next = v);
        input.EndSlice();
    }
}

/// <summary>A class deriving from Node with compact id 4242, which no decoder registers.</summary>
internal sealed class UnknownCompactNode : IceValue
{
    public string Extra { get; set; } = "";

    public int Value { get; set; }

    public override string IceId => "::Tests::UnknownCompact";

    protected override void IceWriteImpl(IceOutputStream output)
    {
        output.StartSlice(IceId, 4242, false);
        output.WriteString(Extra);
        output.EndSlice();
        output.StartSlice(TestNode.TypeId, -1, true);
        output.WriteInt(Value);
        output.WriteValue(null);
        output.EndSlice();
    }

    protected override void IceReadImpl(IceInputStream input) => throw new NotSupportedException();
}

/// <summary>A class with optional members: <c>class Bag { optional(1) int a; optional(3) string s; optional(50) Node n; }</c>.</summary>
internal sealed class TestBag : IceValue
{
    public const string TypeId = "::Tests::Bag";

    public int? A { get; set; }

    public string? S { get; set; }

    public TestNode? N { get; set; }

    public override string IceId => TypeId;

    protected override void IceWriteImpl(IceOutputStream output)
    {
        output.StartSlice(TypeId, -1, true);
        if (A is { } a && output.WriteOptional(1, IceOptionalFormat.F4))
        {
            output.WriteInt(a);
        }
        if (S is { } s && output.WriteOptional(3, IceOptionalFormat.VSize))
        {
            output.WriteString(s);
        }
        if (N is { } n && output.WriteOptional(50, IceOptionalFormat.Class))
        {
            output.WriteValue(n);
        }
        output.EndSlice();
    }

    protected override void IceReadImpl(IceInputStream input)
    {
        input.StartSlice();
        A = input.ReadOptional(1, IceOptionalFormat.F4) ? input.ReadInt() : null;
        S = input.ReadOptional(3, IceOptionalFormat.VSize) ? input.ReadString() : null;
        N = null;
        if (input.ReadOptional(50, IceOptionalFormat.Class))
        {
            input.ReadValue<TestNode>(v => N = v);
        }
        input.EndSlice();
    }
}

/// <summary>An exception no decoder knows (never registered).</summary>
internal sealed class UnregisteredError : IceUserException
{
    public override string IceId => "::Tests::Unregistered";

    public string Detail { get; set; } = "";

    protected override void IceWriteImpl(IceOutputStream output)
    {
        output.StartSlice(IceId, -1, true);
        output.WriteString(Detail);
        output.EndSlice();
    }

    protected override void IceReadImpl(IceInputStream input)
    {
        input.StartSlice();
        Detail = input.ReadString();
        input.EndSlice();
    }
}

internal static class TestTypes
{
    [ModuleInitializer]
    internal static void Register()
    {
        IceTypeRegistry.RegisterValue(TestNode.TypeId, static () => new TestNode());
        IceTypeRegistry.RegisterValue(TestBag.TypeId, static () => new TestBag());
    }
}
