namespace Steward.Cni;

/// <summary>The identifier rules libcni applies to container ids, network names and interface names.</summary>
public static class Validation
{
    /// <summary>First char alphanumeric, then alphanumerics, '_', '.', '-'.</summary>
    public static bool IsValidName(string s)
    {
        if (s.Length == 0 || !char.IsAsciiLetterOrDigit(s[0]))
        {
            return false;
        }
        foreach (var c in s.AsSpan(1))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Checks a container id as libcni does (non-empty; letters, digits, '_', '.', '-'); a CNI error when it is not.</summary>
    public static void ContainerId(string id)
    {
        if (id.Length == 0)
        {
            throw new CniException(CniErrorCode.UnknownContainer, "missing containerID");
        }
        if (!IsValidName(id))
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, "invalid characters in containerID", id);
        }
    }

    /// <summary>Checks a network name as libcni does; a CNI error when it is not valid.</summary>
    public static void NetworkName(string name)
    {
        if (name.Length == 0)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "missing network name");
        }
        if (!IsValidName(name))
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, "invalid characters found in network name", name);
        }
    }

    /// <summary>Linux's rules (net/core/dev.c dev_valid_name): 1–15 bytes, not "." or "..", no '/', ':' or space.</summary>
    public static void InterfaceName(string name)
    {
        if (name.Length == 0)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, "interface name is empty");
        }
        if (System.Text.Encoding.UTF8.GetByteCount(name) > 15)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, "interface name is too long", "interface name should be less than 16 characters");
        }
        if (name is "." or "..")
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, "interface name is . or ..");
        }
        foreach (var c in name)
        {
            if (c is '/' or ':' || char.IsWhiteSpace(c))
            {
                throw new CniException(CniErrorCode.InvalidEnvironment, "interface name contains / or : or whitespace characters");
            }
        }
    }
}
