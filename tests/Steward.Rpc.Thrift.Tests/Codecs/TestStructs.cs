namespace Steward.Rpc.Thrift.Tests.Codecs;

/// <summary>
/// A hand-written struct as generated code will write one:
/// <c>struct Greeting { 1: required string text; 2: i32 count; 3: list&lt;i64&gt; values; 4: optional Greeting inner; 5: bool flag }</c>.
/// </summary>
public sealed class Greeting : IThriftStruct
{
    public string? Text { get; set; }
    public int Count { get; set; }
    public List<long>? Values { get; set; }
    public Greeting? Inner { get; set; }
    public bool Flag { get; set; }

    public void Write(ThriftWriter writer)
    {
        writer.WriteStructBegin("Greeting");
        if (Text is not null)
        {
            writer.WriteFieldBegin("text", ThriftType.String, 1);
            writer.WriteString(Text);
            writer.WriteFieldEnd();
        }
        writer.WriteFieldBegin("count", ThriftType.I32, 2);
        writer.WriteI32(Count);
        writer.WriteFieldEnd();
        if (Values is not null)
        {
            writer.WriteFieldBegin("values", ThriftType.List, 3);
            writer.WriteListBegin(new ThriftListHeader(ThriftType.I64, Values.Count));
            foreach (var v in Values)
            {
                writer.WriteI64(v);
            }
            writer.WriteListEnd();
            writer.WriteFieldEnd();
        }
        if (Inner is not null)
        {
            writer.WriteFieldBegin("inner", ThriftType.Struct, 4);
            Inner.Write(writer);
            writer.WriteFieldEnd();
        }
        writer.WriteFieldBegin("flag", ThriftType.Bool, 5);
        writer.WriteBool(Flag);
        writer.WriteFieldEnd();
        writer.WriteFieldStop();
        writer.WriteStructEnd();
    }

    public void Read(ThriftReader reader)
    {
        var hasText = false;
        reader.ReadStructBegin();
        while (true)
        {
            var field = reader.ReadFieldBegin();
            if (field.Type == ThriftType.Stop)
            {
                break;
            }
            switch (field.Id)
            {
                case 1 when field.Type == ThriftType.String:
                    Text = reader.ReadString();
                    hasText = true;
                    break;
                case 2 when field.Type == ThriftType.I32:
                    Count = reader.ReadI32();
                    break;
                case 3 when field.Type == ThriftType.List:
                {
                    var list = reader.ReadListBegin();
                    Values = new List<long>(list.Count);
                    for (var i = 0; i < list.Count; i++)
                    {
                        Values.Add(reader.ReadI64());
                    }
                    reader.ReadListEnd();
                    break;
                }
                case 4 when field.Type == ThriftType.Struct:
                    Inner = new Greeting();
                    Inner.Read(reader);
                    break;
                case 5 when field.Type == ThriftType.Bool:
                    Flag = reader.ReadBool();
                    break;
                default:
                    reader.Skip(field.Type);
                    break;
            }
            reader.ReadFieldEnd();
        }
        reader.ReadStructEnd();
        if (!hasText)
        {
            throw new ThriftProtocolException(ThriftProtocolError.InvalidData, "Required field 'text' of Greeting is unset.");
        }
    }

    public override string ToString() =>
        $"Greeting(text={Text}, count={Count}, values=[{string.Join(",", Values ?? [])}], inner={Inner}, flag={Flag})";
}
