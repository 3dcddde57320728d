// The packages under test target Linux (the CNI tarball is linux-amd64; the tool scaffolds for Linux hosts).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
