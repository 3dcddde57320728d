using Codegen.CollideTest;

namespace Steward.Rpc.CodeGen.Tests;

/// <summary>
/// collisions.proto is compiled by the source generator into this project, so these names existing
/// (and the project building at all) is the test; the round trips show the renamed members work.
/// </summary>
public class CollisionTests
{
    [Fact]
    public void Keyword_named_messages_and_fields_are_escaped()
    {
        var value = new @class { Int = 5, Class = "c", Namespace = new @event { Static = true } };
        var parsed = @class.Parse(value.ToByteArray());
        Assert.Equal(value, parsed);
        Assert.True(parsed.Namespace!.Static);
    }

    [Fact]
    public void Members_named_like_their_message_or_like_generated_members_get_an_underscore()
    {
        var thing = new Thing
        {
            Thing_ = 1,
            Equals_ = "e",
            GetHashCode_ = "h",
            ToString_ = "s",
            Clone_ = "c",
            MergeFrom_ = "m",
            WriteTo_ = "w",
            CalculateSize_ = "z",
            UnknownFields_ = "u",
            Marshaller_ = "m",
            Parse_ = "p",
            GetType_ = "t",
            FooFieldNumber = 11,
            Foo = 12,
            HasBar = 14,
            ClearBar = 15,
            KindCase = 18,
            Leading = 19,
            X2Y = 20,
            Inner = new Thing.Types.Inner { Inner_ = 3 },
            TypesRef = new Thing.Types.Types_ { Nested = 4 },
            Color = Thing.Types.Color.DarkRed,
        };
        thing.Bar = 0;
        thing.KindB = "b";
        Assert.Equal(12, Thing.FooFieldNumber_);
        Assert.Equal(11, Thing.FooFieldNumberFieldNumber);
        Assert.True(thing.HasBar_);
        Assert.Equal(Thing.KindOneofCase.KindB, thing.KindCase_);

        var parsed = Thing.Parse(thing.ToByteArray());
        Assert.Equal(thing, parsed);
        Assert.Equal("e", parsed.Equals_);
        Assert.Equal(3, parsed.Inner!.Inner_);
        parsed.ClearBar_();
        Assert.False(parsed.HasBar_);
        parsed.ClearKind();
        Assert.Equal(Thing.KindOneofCase.None, parsed.KindCase_);
        Assert.Equal(new Types { Types_ = 2 }, Types.Parse(new Types { Types_ = 2 }.ToByteArray()));
    }

    [Fact]
    public void Enum_values_lose_the_enum_name_prefix_and_become_PascalCase()
    {
        Assert.Equal(0, (int)Keyword.Unspecified);
        Assert.Equal(1, (int)Keyword.Class);
        Assert.Equal(2, (int)Keyword._2D);
        Assert.Equal(3, (int)Keyword.Keyword);
        Assert.Equal(2, (int)Thing.Types.Color.LightBlue);
    }

    [Fact]
    public void Service_methods_named_like_base_members_are_renamed_on_each_side()
    {
        Assert.Equal("ToString", Collide.ToStringMethod.Name);
        Assert.Equal(MethodType.ClientStreaming, Collide.EqualsMethod.Type);
        var definition = new CollideImpl().BindService();
        Assert.Equal(["ToString", "BindService", "Equals", "CallInvoker"], definition.Methods.Select(m => m.Method.Name));
        var client = new Collide.CollideClient(new RecordingInvoker());
        Assert.NotNull(client.CallInvoker_(new Thing()));
        Assert.NotNull(client.Equals_());
    }

    private sealed class CollideImpl : Collide.CollideBase
    {
        public override Task<Thing> ToString_(Thing request, ServerCallContext context) => Task.FromResult(request);
    }
}
