// CNI plugins are Linux executables (namespaces, netlink, flock).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
