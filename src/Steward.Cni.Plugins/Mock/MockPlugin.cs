using Steward.Cni.Skel;
using Steward.Cni.Types;

namespace Steward.Cni.Plugins.Mock;

public sealed class MockPlugin : ICniPlugin
{
    public string About => "Steward mock plugin";
    public CniResult Add(CniRequest request) => request.Config.PrevResult() ?? new CniResult { CniVersion = CniVersions.Current };
    public void Del(CniRequest request) { }
    public void Check(CniRequest request) { }
}
