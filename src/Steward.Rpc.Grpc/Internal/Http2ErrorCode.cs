namespace Steward.Rpc.Grpc;

/// <summary>The error codes of RST_STREAM and GOAWAY frames, as RFC 9113 section 7 names them.</summary>
internal static class Http2ErrorCode
{
    public const int NoError = 0x0;
    public const int ProtocolError = 0x1;
    public const int InternalError = 0x2;
    public const int FlowControlError = 0x3;
    public const int SettingsTimeout = 0x4;
    public const int StreamClosed = 0x5;
    public const int FrameSizeError = 0x6;
    public const int RefusedStream = 0x7;
    public const int Cancel = 0x8;
    public const int CompressionError = 0x9;
    public const int ConnectError = 0xa;
    public const int EnhanceYourCalm = 0xb;
    public const int InadequateSecurity = 0xc;
    public const int Http11Required = 0xd;
}
