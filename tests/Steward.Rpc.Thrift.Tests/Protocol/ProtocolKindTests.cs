using ApacheType = Thrift.Protocol.Entities.TType;

namespace Steward.Rpc.Thrift.Tests.Protocol;

public class ProtocolKindTests
{
    [Fact]
    public void Every_type_id_matches_the_one_apache_writes()
    {
        foreach (var type in Enum.GetValues<ThriftType>())
        {
            var apache = Enum.Parse<ApacheType>(type.ToString());
            Assert.Equal((byte)apache, (byte)type);
        }
    }
}
