using Steward.Rpc;
using Steward.Rpc.Corba;
using Test;

namespace CorbaTest.Server;

/// <summary>The contract's Operations, doing exactly what StewardTest.idl's comments say.</summary>
public sealed class OperationsService(ServedObject self) : OperationsBase
{
    // One instance serves every connection (AddService registers a singleton): the stored value and the counter are shared.
    private int _value;
    private int _counter;

    public override Task PingAsync(ServerCallContext context) => Task.CompletedTask;

    public override Task<OperationsOpBoolResult> OpBoolAsync(bool a, ServerCallContext context) => Task.FromResult(new OperationsOpBoolResult(!a, a));

    public override Task<OperationsOpOctetResult> OpOctetAsync(byte a, byte b, ServerCallContext context) =>
        Task.FromResult(new OperationsOpOctetResult((byte)(a ^ b), unchecked((byte)(a + b))));

    public override Task<OperationsOpShortResult> OpShortAsync(short a, short b, ServerCallContext context) =>
        Task.FromResult(new OperationsOpShortResult(unchecked((short)(a + b)), unchecked((short)(a - b))));

    public override Task<OperationsOpLongResult> OpLongAsync(int a, int b, ServerCallContext context) =>
        Task.FromResult(new OperationsOpLongResult(unchecked(a + b), unchecked(a - b)));

    public override Task<OperationsOpLongLongResult> OpLongLongAsync(long a, long b, ServerCallContext context) =>
        Task.FromResult(new OperationsOpLongLongResult(unchecked(a + b), unchecked(a - b)));

    public override Task<OperationsOpULongLongResult> OpULongLongAsync(ulong a, ServerCallContext context) =>
        Task.FromResult(new OperationsOpULongLongResult(unchecked(a + 1), a / 2));

    public override Task<OperationsOpFloatResult> OpFloatAsync(float a, ServerCallContext context) => Task.FromResult(new OperationsOpFloatResult(a * 2, a / 2));

    public override Task<OperationsOpDoubleResult> OpDoubleAsync(double a, ServerCallContext context) => Task.FromResult(new OperationsOpDoubleResult(a * 2, a / 2));

    public override Task<char> OpCharAsync(char c, ServerCallContext context) => Task.FromResult((char)(c + 1));

    public override Task<OperationsOpStringResult> OpStringAsync(string a, string b, ServerCallContext context) =>
        Task.FromResult(new OperationsOpStringResult(a + b, b + a));

    public override Task<OperationsOpInOutResult> OpInOutAsync(int a, string s, ServerCallContext context) =>
        Task.FromResult(new OperationsOpInOutResult(unchecked(a * 2), s + s));

    public override Task<OperationsOpColorResult> OpColorAsync(Color c, ServerCallContext context) =>
        Task.FromResult(new OperationsOpColorResult(c, c == Color.Blue ? Color.Red : c + 1));

    public override Task<Rich> OpRichAsync(Rich r, ServerCallContext context)
    {
        r.L = unchecked(r.L + 1);
        r.Str = r.Str.ToUpperInvariant();
        return Task.FromResult(r);
    }

    public override Task<byte[]> OpOctetSeqAsync(byte[] s, ServerCallContext context) => Task.FromResult(s.AsEnumerable().Reverse().ToArray());

    public override Task<int[]> OpLongSeqAsync(int[] s, ServerCallContext context) => Task.FromResult(s.AsEnumerable().Reverse().ToArray());

    public override Task<OperationsOpStringSeqResult> OpStringSeqAsync(string[] a, ServerCallContext context) =>
        Task.FromResult(new OperationsOpStringSeqResult(a, a.AsEnumerable().Reverse().ToArray()));

    public override Task<Point[]> OpPointSeqAsync(Point[] s, ServerCallContext context) =>
        Task.FromResult(s.Select(p => new Point { X = p.Y, Y = p.X }).ToArray());

    public override Task<string[][]> OpStringSeqSeqAsync(string[][] s, ServerCallContext context) =>
        Task.FromResult(s.Select(inner => inner.AsEnumerable().Reverse().ToArray()).ToArray());

    public override Task<int[]> OpArrayAsync(int[] a, ServerCallContext context) => Task.FromResult(a.AsEnumerable().Reverse().ToArray());

    public override Task<Value> OpUnionAsync(Value v, ServerCallContext context)
    {
        var result = new Value();
        switch (v.Discriminator)
        {
            case 1:
                result.L = unchecked(v.L + 1);
                break;
            case 2:
                result.S = v.S.ToUpperInvariant();
                break;
            case 3:
                result.P = new Point { X = v.P.Y, Y = v.P.X };
                break;
            default:
                // The default member keeps the discriminator it came with.
                result.SetB(!v.B, v.Discriminator);
                break;
        }
        return Task.FromResult(result);
    }

    public override Task<CorbaAny> OpAnyAsync(CorbaAny a, ServerCallContext context) => Task.FromResult(a);

    public override Task ThrowBaseAsync(string reason, ServerCallContext context) => throw new BaseError(reason);

    public override Task ThrowOtherAsync(int code, string reason, ServerCallContext context) => throw new OtherError(code, reason);

    public override Task ThrowSystemAsync(ServerCallContext context) =>
        throw new CorbaSystemException("BAD_PARAM", 7, CompletionStatus.Yes, "throwSystem raises BAD_PARAM minor 7 as the contract says");

    public override Task SetValueAsync(int v, ServerCallContext context)
    {
        Volatile.Write(ref _value, v);
        return Task.CompletedTask;
    }

    public override Task<int> GetValueAsync(ServerCallContext context) => Task.FromResult(Volatile.Read(ref _value));

    public override Task<int> GetCounterAsync(ServerCallContext context) => Task.FromResult(Volatile.Read(ref _counter));

    public override Task SetCounterAsync(int value, ServerCallContext context)
    {
        Volatile.Write(ref _counter, value);
        return Task.CompletedTask;
    }

    public override Task<string> GetNameAsync(ServerCallContext context) => Task.FromResult("steward");

    public override Task<CorbaObjectReference> SelfAsync(ServerCallContext context) => Task.FromResult(self.Reference);
}
