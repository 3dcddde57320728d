using System.Reflection;
using Steward.Rpc.Corba;

namespace Steward.Rpc.CodeGen.Tests.Corba;

/// <summary>
/// The interfaces the CORBA emitter generates: every operation and attribute accessor is a core method named as on
/// the wire and carries its <see cref="CorbaOperation{TArgs, TResult}"/> (repository ids, oneway, raises); a derived
/// interface includes its bases' operations.
/// </summary>
public sealed class CorbaServiceModelTests
{
    private static Assembly Contract => CorbaCompiler.Load("CorbaContract", CorbaModel.Contract);

    private static Assembly Extra => CorbaCompiler.Load("CorbaExtra", CorbaModel.Extra);

    /// <summary>The methods of a generated holder (internal static class), by wire name.</summary>
    private static Dictionary<string, IMethod> Methods(Assembly assembly, string holder) =>
        assembly.GetType(holder, throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null))
            .OfType<IMethod>()
            .ToDictionary(m => m.Name);

    private static ICorbaOperation Operation(IMethod method) =>
        ((MethodCodecs)method.GetType().GetProperty("Codecs")!.GetValue(method)!).Get<ICorbaOperation>()!;

    private static bool IsOneway(IMethod method) => (bool)method.GetType().GetProperty("IsOneway")!.GetValue(method)!;

    [Fact]
    public void Every_operation_and_attribute_accessor_is_a_method_of_the_interface_named_as_on_the_wire()
    {
        var methods = Methods(Contract, "Test.OperationsCorbaMethods");
        Assert.Equal(31, methods.Count); // 28 operations, two accessors of counter, one of name
        Assert.Contains("_get_counter", methods.Keys);
        Assert.Contains("_set_counter", methods.Keys);
        Assert.Contains("_get_name", methods.Keys);
        Assert.DoesNotContain("_set_name", methods.Keys); // readonly
        Assert.All(methods.Values, m => Assert.Equal("/Test.Operations/" + m.Name, m.FullName));
        Assert.All(methods.Values, m => Assert.Equal(m.Name, Operation(m).Name));
        var servant = Contract.GetType("Test.OperationsBase", throwOnError: true)!;
        Assert.NotNull(servant.GetMethod("GetCounterAsync"));
        Assert.NotNull(servant.GetMethod("SetCounterAsync"));
        Assert.Null(servant.GetMethod("SetNameAsync"));
    }

    [Fact]
    public void A_oneway_operation_is_oneway_on_the_method_and_the_operation()
    {
        var methods = Methods(Contract, "Test.OperationsCorbaMethods");
        Assert.True(IsOneway(methods["setValue"]));
        Assert.True(Operation(methods["setValue"]).IsOneway);
        Assert.False(IsOneway(methods["getValue"]));
        Assert.False(Operation(methods["ping"]).IsOneway);
    }

    [Fact]
    public void The_raises_clause_declares_each_exception_by_repository_id_and_reads_its_members()
    {
        var operation = Operation(Methods(Contract, "Test.OperationsCorbaMethods")["throwOther"]);
        var other = (CorbaUserException)Activator.CreateInstance(Contract.GetType("Test.OtherError", throwOnError: true)!, 17, "why")!;
        Assert.True(operation.IsDeclared(other));
        var output = new CdrOutputStream();
        other.WriteMembers(output);
        var back = operation.ReadUserException("IDL:Test/OtherError:1.0", new CdrInputStream(output.ToArray(), true, GiopVersion.V1_2, CodeSets.Native));
        Assert.Equal("IDL:Test/OtherError:1.0", back!.RepositoryId);
        Assert.Equal(17, (int)((dynamic)back).Code);
        Assert.Null(operation.ReadUserException("IDL:Test/Unknown:1.0", new CdrInputStream(output.ToArray(), true, GiopVersion.V1_2, CodeSets.Native)));
        Assert.False(Operation(Methods(Contract, "Test.OperationsCorbaMethods")["throwBase"]).IsDeclared(other));
    }

    [Fact]
    public void In_and_inout_parameters_go_in_the_request_and_the_return_value_then_out_and_inout_ones_in_the_reply()
    {
        var method = Methods(Contract, "Test.OperationsCorbaMethods")["opInOut"];
        var operation = Operation(method);
        var argsType = Contract.GetType("Test.OperationsCorbaMethods+OpInOutArgs", throwOnError: true)!;
        var args = Activator.CreateInstance(argsType)!;
        argsType.GetProperty("InA")!.SetValue(args, 21);
        argsType.GetProperty("InS")!.SetValue(args, "ab");
        var output = new CdrOutputStream();
        ((Delegate)operation.GetType().GetProperty("WriteArgs")!.GetValue(operation)!).DynamicInvoke(output, args);
        Assert.Equal(new byte[] { 21, 0, 0, 0, 3, 0, 0, 0, (byte)'a', (byte)'b', 0 }, output.ToArray());

        var replyType = Contract.GetType("Test.OperationsCorbaMethods+OpBoolReply", throwOnError: true)!;
        var boolOperation = Operation(Methods(Contract, "Test.OperationsCorbaMethods")["opBool"]);
        var reply = Activator.CreateInstance(replyType)!;
        replyType.GetProperty("ReturnValue")!.SetValue(reply, true);
        replyType.GetProperty("OutB")!.SetValue(reply, false);
        output = new CdrOutputStream();
        ((Delegate)boolOperation.GetType().GetProperty("WriteResult")!.GetValue(boolOperation)!).DynamicInvoke(output, reply);
        Assert.Equal(new byte[] { 1, 0 }, output.ToArray());
    }

    [Fact]
    public void An_interface_lists_its_repository_id_then_its_bases_then_corba_object()
    {
        var operation = Operation(Methods(Contract, "Test.OperationsCorbaMethods")["ping"]);
        Assert.Equal("IDL:Test/Operations:1.0", operation.InterfaceRepositoryId);
        Assert.Equal(["IDL:Test/Operations:1.0", CorbaRepositoryIds.Object], operation.RepositoryIds);
    }

    [Fact]
    public void A_derived_interface_serves_its_bases_operations_and_lists_every_base_once()
    {
        var methods = Methods(Extra, "Extra.BottomCorbaMethods");
        Assert.Equal(["_get_value", "_set_value", "getValue", "leftOp", "rightOp", "topOp"], methods.Keys.Order(StringComparer.Ordinal));
        Assert.All(methods.Values, m => Assert.Equal("Extra.Bottom", m.ServiceName));
        var operation = Operation(methods["topOp"]);
        Assert.Equal("IDL:Extra/Bottom:1.0", operation.InterfaceRepositoryId);
        Assert.Equal(["IDL:Extra/Bottom:1.0", "IDL:Extra/Left:1.0", "IDL:Extra/Top:1.0", "IDL:Extra/Right:1.0", CorbaRepositoryIds.Object], operation.RepositoryIds);
        Assert.Equal(["IDL:Extra/Left:1.0", "IDL:Extra/Top:1.0", CorbaRepositoryIds.Object], Operation(Methods(Extra, "Extra.LeftCorbaMethods")["topOp"]).RepositoryIds);
    }

    [Fact]
    public void An_attribute_accessor_named_like_an_operation_gets_the_attribute_suffix_and_keyword_parameters_are_escaped()
    {
        var servant = Extra.GetType("Extra.BottomBase", throwOnError: true)!;
        Assert.NotNull(servant.GetMethod("GetValueAsync"));
        Assert.NotNull(servant.GetMethod("GetValueAttributeAsync"));
        Assert.NotNull(servant.GetMethod("SetValueAsync"));
        var topOp = servant.GetMethod("TopOpAsync")!;
        Assert.Equal(["class", "context_", "context"], topOp.GetParameters().Select(p => p.Name));
        var client = Extra.GetType("Extra.BottomClient", throwOnError: true)!;
        Assert.NotNull(client.GetMethod("LeftOpAsync"));
        Assert.NotNull(client.GetMethod("RightOpAsync"));
    }
}
