using Steward.Cni.Skel;
using Steward.Cni.Types;

namespace Steward.Cni.Plugins.Bridge;

/// <summary>Placeholder until the bridge plugin lands (owned by the Linux-layer work).</summary>
public sealed class BridgePlugin : ICniPlugin
{
    public string About => "Steward bridge plugin";

    public CniResult Add(CniRequest request) => throw NotImplemented();
    public void Del(CniRequest request) => throw NotImplemented();
    public void Check(CniRequest request) => throw NotImplemented();

    private static CniException NotImplemented() =>
        new(CniErrorCode.Internal, "bridge plugin not implemented yet");
}
