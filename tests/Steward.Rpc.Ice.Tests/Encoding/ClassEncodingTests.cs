namespace Steward.Rpc.Ice.Tests.Encoding;

/// <summary>Class instances, optionals and exceptions: what valid input gives and what each bad input gets.</summary>
public sealed class ClassEncodingTests
{
    private static byte[] Encapsulate(IceFormat format, Action<IceOutputStream> write)
    {
        var output = new IceOutputStream { Format = format };
        output.StartEncapsulation();
        write(output);
        output.EndEncapsulation();
        return output.ToArray();
    }

    private static T Decode<T>(byte[] bytes, Func<IceInputStream, T> read, IceLimits? limits = null)
    {
        var input = new IceInputStream(bytes, limits);
        input.StartEncapsulation();
        var value = read(input);
        input.ReadPendingValues();
        input.EndEncapsulation();
        return value;
    }

    private static T? ReadOne<T>(IceInputStream input)
        where T : IceValue
    {
        T? value = null;
        input.ReadValue<T>(v => value = v);
        return value;
    }

    private static TestNode Chain(int length)
    {
        var head = new TestNode { Value = 0 };
        var node = head;
        for (var i = 1; i < length; i++)
        {
            node = node.Next = new TestNode { Value = i };
        }
        return head;
    }

    [Theory]
    [InlineData(IceFormat.Compact)]
    [InlineData(IceFormat.Sliced)]
    public void A_self_cycle_comes_back_as_one_instance(IceFormat format)
    {
        var node = new TestNode { Value = 7 };
        node.Next = node;
        var back = Decode(Encapsulate(format, o => o.WriteValue(node)), ReadOne<TestNode>)!;
        Assert.Equal(7, back.Value);
        Assert.Same(back, back.Next);
    }

    [Fact]
    public void A_chain_deeper_than_the_depth_limit_gets_a_marshal_exception()
    {
        var bytes = Encapsulate(IceFormat.Compact, o => o.WriteValue(Chain(20)));
        Assert.Equal(2, Decode(bytes, ReadOne<TestNode>, new IceLimits { MaxDepth = 20 })!.Next!.Next!.Value);
        var error = Assert.Throws<IceMarshalException>(() => Decode(bytes, ReadOne<TestNode>, new IceLimits { MaxDepth = 10 }));
        Assert.Contains("deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_instances_than_the_limit_get_a_memory_limit_exception()
    {
        var bytes = Encapsulate(IceFormat.Compact, o =>
        {
            for (var i = 0; i < 20; i++)
            {
                o.WriteValue(new TestNode { Value = i });
            }
        });
        Assert.Throws<IceMemoryLimitException>(() => Decode(bytes, i =>
        {
            for (var n = 0; n < 20; n++)
            {
                ReadOne<TestNode>(i);
            }
            return 0;
        }, new IceLimits { MaxInstances = 10 }));
    }

    [Fact]
    public void A_reference_to_an_instance_never_sent_gets_a_marshal_exception()
    {
        // Index 2 names the first instance of the encapsulation, which never comes.
        var bytes = Encapsulate(IceFormat.Compact, o => o.WriteSize(2));
        Assert.Throws<IceMarshalException>(() => Decode(bytes, ReadOne<TestNode>));
    }

    [Fact]
    public void A_type_id_index_never_sent_gets_a_marshal_exception()
    {
        // Instance marker, slice flags "type id as index, last slice", index 1 with no type id sent before.
        var bytes = Encapsulate(IceFormat.Compact, o => o.WriteBytes([0x01, 0x22, 0x01, 0, 0, 0, 0, 0]));
        var error = Assert.Throws<IceMarshalException>(() => Decode(bytes, ReadOne<TestNode>));
        Assert.Contains("never sent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_class_in_the_compact_format_gets_a_marshal_exception_naming_it()
    {
        var bytes = Encapsulate(IceFormat.Compact, o =>
        {
            o.WriteBytes([0x01, 0x21]);
            o.WriteString("::Tests::Nobody");
            o.WriteInt(0);
        });
        var error = Assert.Throws<IceMarshalException>(() => Decode(bytes, ReadOne<IceValue>));
        Assert.Contains("::Tests::Nobody", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_class_in_the_sliced_format_is_kept_as_an_unknown_sliced_value()
    {
        var bytes = Encapsulate(IceFormat.Sliced, o =>
        {
            o.WriteBytes([0x01, 0x31]);
            o.WriteString("::Tests::Nobody");
            o.WriteInt(8);
            o.WriteInt(42);
        });
        var value = Assert.IsType<IceUnknownSlicedValue>(Decode(bytes, ReadOne<IceValue>));
        Assert.Equal("::Tests::Nobody", value.IceId);
        Assert.Equal([42, 0, 0, 0], Assert.Single(value.IceSlicedData!.Slices).Bytes);
    }

    [Fact]
    public void An_instance_of_another_type_than_the_member_s_gets_a_marshal_exception()
    {
        var bytes = Encapsulate(IceFormat.Compact, o => o.WriteValue(new TestBag { A = 1 }));
        Assert.Throws<IceMarshalException>(() => Decode(bytes, ReadOne<TestNode>));
    }

    [Theory]
    [InlineData(IceFormat.Compact)]
    [InlineData(IceFormat.Sliced)]
    public void Optional_members_round_trip_set_and_unset(IceFormat format)
    {
        var shared = new TestNode { Value = 5 };
        var bytes = Encapsulate(format, o =>
        {
            o.WriteValue(new TestBag { A = 1, S = "s", N = shared });
            o.WriteValue(new TestBag());
            o.WriteValue(shared);
        });
        var (full, empty, node) = Decode(bytes, i => (ReadOne<TestBag>(i)!, ReadOne<TestBag>(i)!, ReadOne<TestNode>(i)));
        Assert.Equal((1, "s", 5), (full.A, full.S, full.N!.Value));
        Assert.Same(full.N, node);
        Assert.Equal((null, null, null), (empty.A, empty.S, empty.N));
    }

    [Fact]
    public void Unknown_optional_parameters_are_skipped_and_missing_ones_read_as_unset()
    {
        var bytes = Encapsulate(IceFormat.Compact, o =>
        {
            o.WriteOptional(1, IceOptionalFormat.F4);
            o.WriteInt(1);
            var at = o.StartSize();
            o.WriteOptional(2, IceOptionalFormat.FSize);
            o.EndSize(at);
            o.WriteOptional(3, IceOptionalFormat.VSize);
            o.WriteString("x");
            o.WriteOptional(40, IceOptionalFormat.F8);
            o.WriteLong(9);
        });
        var input = new IceInputStream(bytes);
        input.StartEncapsulation();
        Assert.False(input.ReadOptional(0, IceOptionalFormat.F1));
        Assert.True(input.ReadOptional(3, IceOptionalFormat.VSize));
        Assert.Equal("x", input.ReadString());
        Assert.False(input.ReadOptional(4, IceOptionalFormat.F4));
        input.SkipOptionals();
        input.EndEncapsulation();
    }

    [Fact]
    public void An_optional_in_an_unexpected_format_gets_a_marshal_exception()
    {
        var bytes = Encapsulate(IceFormat.Compact, o =>
        {
            o.WriteOptional(1, IceOptionalFormat.F8);
            o.WriteLong(1);
        });
        var input = new IceInputStream(bytes);
        input.StartEncapsulation();
        Assert.Throws<IceMarshalException>(() => input.ReadOptional(1, IceOptionalFormat.F4));
    }

    [Fact]
    public void Optional_tags_from_30_take_the_extra_size()
    {
        var output = new IceOutputStream();
        output.WriteOptional(29, IceOptionalFormat.F1);
        output.WriteOptional(30, IceOptionalFormat.F1);
        output.WriteOptional(300, IceOptionalFormat.Size);
        Assert.Equal(Convert.FromHexString("E8F01EF4FF2C010000"), output.ToArray());
    }

    [Theory]
    [InlineData(IceFormat.Compact)]
    [InlineData(IceFormat.Sliced)]
    public void An_exception_nobody_registered_gets_an_unknown_user_exception_with_its_type_id(IceFormat format)
    {
        var bytes = Encapsulate(format, o => o.WriteException(new UnregisteredError { Detail = "d" }));
        var error = Assert.Throws<IceUnknownUserExceptionException>(() => Decode(bytes, i => i.ReadException()));
        Assert.Equal("::Tests::Unregistered", error.TypeId);
    }

    [Fact]
    public void Each_encapsulation_numbers_its_instances_and_type_ids_afresh()
    {
        var output = new IceOutputStream();
        foreach (var value in new[] { 1, 2 })
        {
            output.StartEncapsulation();
            output.WriteValue(new TestNode { Value = value });
            output.EndEncapsulation();
        }
        var bytes = output.ToArray();
        var half = bytes.Length / 2;
        // The second encapsulation sends its type id as a string again, not as an index into the first's table.
        Assert.Equal(bytes.AsSpan(0, half).ToArray().Select((b, i) => i == half - 5 ? (byte)0 : b), bytes.AsSpan(half).ToArray().Select((b, i) => i == half - 5 ? (byte)0 : b));

        var input = new IceInputStream(bytes);
        var values = new List<int>();
        for (var n = 0; n < 2; n++)
        {
            input.StartEncapsulation();
            values.Add(ReadOne<TestNode>(input)!.Value);
            input.ReadPendingValues();
            input.EndEncapsulation();
        }
        Assert.Equal([1, 2], values);
    }

    [Fact]
    public void A_chain_too_long_to_write_inline_gets_a_marshal_exception_not_a_stack_overflow()
    {
        // Run on a small stack so that the bound is reached quickly.
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try
            {
                Encapsulate(IceFormat.Compact, o => o.WriteValue(Chain(200_000)));
            }
            catch (Exception ex)
            {
                caught = ex;
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.IsType<IceMarshalException>(caught);
    }

    [Fact]
    public void An_unknown_compact_id_is_sliced_off_in_the_sliced_format_and_rejected_in_the_compact_one()
    {
        var value = new UnknownCompactNode { Extra = "x", Value = 8 };
        var node = Assert.IsType<TestNode>(Decode(Encapsulate(IceFormat.Sliced, o => o.WriteValue(value)), ReadOne<IceValue>));
        Assert.Equal(8, node.Value);
        var error = Assert.Throws<IceMarshalException>(() => Decode(Encapsulate(IceFormat.Compact, o => o.WriteValue(value)), ReadOne<IceValue>));
        Assert.Contains("compact id 4242", error.Message, StringComparison.Ordinal);
    }
}
