using Steward.Cni.Types;

namespace Steward.Cni.Skel;

/// <summary>
/// A CNI plugin. <see cref="CniPluginHost"/> reads the environment and stdin, checks them as the
/// spec requires, negotiates the version and calls one of these. Throw <see cref="CniException"/>
/// to report an error with a spec code; any other exception becomes code 999.
/// </summary>
public interface ICniPlugin
{
    /// <summary>Versions this plugin accepts in a network config.</summary>
    IReadOnlyList<string> SupportedVersions => CniVersions.Supported;

    /// <summary>One line for humans, printed when the binary runs without CNI_COMMAND.</summary>
    string About => "Steward CNI plugin";

    /// <summary>Adds the container to the network; the host converts the result to the config's version.</summary>
    CniResult Add(CniRequest request);

    /// <summary>Removes the attachment; must succeed when it is already gone.</summary>
    void Del(CniRequest request);

    /// <summary>Checks the attachment against the previous result; throws a <see cref="CniException"/> on a mismatch.</summary>
    void Check(CniRequest request);

    /// <summary>Throws code 50 or 51 when the plugin cannot serve ADDs; returns when ready.</summary>
    void Status(CniRequest request) { }

    /// <summary>Releases resources of attachments not in <see cref="NetConf.ValidAttachments"/>.</summary>
    void Gc(CniRequest request) { }
}
