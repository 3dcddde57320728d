using Steward.Rpc.Ice;

namespace Steward.Rpc.CodeGen.Tests.Ice;

/// <summary>One encapsulation of encoding 1.1 written or read the way the Ice transport does it.</summary>
internal static class IceWire
{
    public static byte[] Encapsulate(IceFormat format, Action<IceOutputStream> write)
    {
        var output = new IceOutputStream { Format = format };
        output.StartEncapsulation();
        write(output);
        output.WritePendingValues();
        output.EndEncapsulation();
        return output.ToArray();
    }

    public static T Decapsulate<T>(byte[] bytes, Func<IceInputStream, T> read, IceLimits? limits = null)
    {
        var input = new IceInputStream(bytes, limits);
        input.StartEncapsulation();
        var value = read(input);
        input.ReadPendingValues();
        input.EndEncapsulation();
        return value;
    }

    public static IceValue? ReadOne(IceInputStream input)
    {
        IceValue? value = null;
        input.ReadValue<IceValue>(v => value = v);
        return value;
    }
}
