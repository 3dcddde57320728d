using Steward.Rpc.Ice;
using Test;

namespace IceTest.Client;

/// <summary>A check that did not hold.</summary>
public sealed class CaseFailedException(string message) : Exception(message);

/// <summary>One case per behaviour of the contract; each throws <see cref="CaseFailedException"/> saying what differed.</summary>
public sealed partial class Cases(IceChannel channel)
{
    private readonly OperationsPrx _prx = new(channel.CreateCallInvoker());

    public IEnumerable<(string Name, Func<Task> Run)> All =>
    [
        ("ping", () => _prx.PingAsync()),
        ("opBool", OpBoolAsync),
        ("opByte", OpByteAsync),
        ("opShort", OpShortAsync),
        ("opInt", OpIntAsync),
        ("opLong", OpLongAsync),
        ("opFloat", OpFloatAsync),
        ("opDouble", OpDoubleAsync),
        ("opString", OpStringAsync),
        ("opStringLong", OpStringLongAsync),
        ("opColor", OpColorAsync),
        ("opRich", OpRichAsync),
        ("opByteSeq", OpByteSeqAsync),
        ("opIntSeq", OpIntSeqAsync),
        ("opStringSeq", OpStringSeqAsync),
        ("opPointSeq", OpPointSeqAsync),
        ("opStringSeqSeq", OpStringSeqSeqAsync),
        ("opDict", OpDictAsync),
        ("opNestedDict", OpNestedDictAsync),
        ("opShape", OpShapeAsync),
        ("opShapeSeq", OpShapeSeqAsync),
        ("opCycle", OpCycleAsync),
        ("throwBase", ThrowBaseAsync),
        ("throwDerived", ThrowDerivedAsync),
        ("throwUnknown", ThrowUnknownAsync),
        ("opOptionalSet", OpOptionalSetAsync),
        ("opOptionalUnset", OpOptionalUnsetAsync),
        ("opContext", OpContextAsync),
        ("oneway", OnewayAsync),
        ("batchOneway", BatchOnewayAsync),
        ("opIdempotent", OpIdempotentAsync),
        ("objectNotExist", ObjectNotExistAsync),
        ("facetNotExist", FacetNotExistAsync),
        ("operationNotExist", OperationNotExistAsync),
        ("concurrentCalls", ConcurrentCallsAsync),
        ("ice_ping", () => channel.PingAsync()),
        ("ice_isA", IsAAsync),
        ("ice_id", IdAsync),
        ("ice_ids", IdsAsync),
    ];

    private static void Check(bool condition, string why)
    {
        if (!condition)
        {
            throw new CaseFailedException(why);
        }
    }

    private static void Equal<T>(T expected, T actual, string what = "result")
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new CaseFailedException($"{what}: expected {expected}, got {actual}");
        }
    }

    private static void SequenceEqual<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what = "result")
    {
        if (!expected.SequenceEqual(actual))
        {
            throw new CaseFailedException($"{what}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
        }
    }

    private static async Task<TException> ThrowsAsync<TException>(Func<Task> call) where TException : Exception
    {
        try
        {
            await call();
        }
        catch (TException ex)
        {
            return ex;
        }
        catch (Exception ex)
        {
            throw new CaseFailedException($"expected {typeof(TException).Name}, got {ex.GetType().Name}: {ex.Message}");
        }
        throw new CaseFailedException($"expected {typeof(TException).Name}, nothing was thrown");
    }
}
