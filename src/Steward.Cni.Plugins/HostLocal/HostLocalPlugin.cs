using Steward.Cni.Skel;
using Steward.Cni.Types;

namespace Steward.Cni.Plugins.HostLocal;

public sealed class HostLocalPlugin : ICniPlugin
{
    public string About => "Steward host-local IPAM plugin";
    public CniResult Add(CniRequest request) => throw new CniException(CniErrorCode.Internal, "host-local: not implemented yet");
    public void Del(CniRequest request) => throw new CniException(CniErrorCode.Internal, "host-local: not implemented yet");
    public void Check(CniRequest request) => throw new CniException(CniErrorCode.Internal, "host-local: not implemented yet");
}
