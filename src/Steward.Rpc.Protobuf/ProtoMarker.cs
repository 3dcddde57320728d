namespace Steward.Rpc.Protobuf;

// Placeholder until the runtime lands (reader, writer, limits, unknown fields).
internal static class ProtoMarker
{
}
