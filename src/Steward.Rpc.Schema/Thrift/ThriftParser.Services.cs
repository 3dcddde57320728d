namespace Steward.Rpc.Schema.Thrift;

internal sealed partial class ThriftParser
{
    private void ParseService()
    {
        var keyword = Next();
        var name = ExpectName("the service's name");
        var service = new ServiceDef(name.Text, Loc(name))
        {
            FullName = _file.Package + "." + name.Text,
            File = _file,
            Documentation = keyword.Doc,
        };
        if (Accept("extends"))
        {
            if (Current.Kind != ThriftTokenKind.Identifier)
            {
                throw Fail($"Expected the base service's name, found {Current}.");
            }
            var baseName = Next();
            service.ExtendsName = baseName.Text;
        }
        Expect("{");
        while (!Current.Is("}"))
        {
            service.Methods.Add(ParseMethod(service));
        }
        Expect("}");
        ParseAnnotations(service);
        _file.Services.Add(service);
    }

    private MethodDef ParseMethod(ServiceDef service)
    {
        var first = Current;
        var oneway = false;
        if (Current.Is("oneway") || Current.Is("async"))
        {
            if (Current.Text == "async")
            {
                _diagnostics.Warning(ThriftDiagnostics.DeprecatedConstruct, "\"async\" is deprecated; it is called \"oneway\" now.", Loc(Current));
            }
            Next();
            oneway = true;
        }
        TypeRef output;
        if (Current.Is("void") && Current.Kind == ThriftTokenKind.Identifier)
        {
            output = TypeRef.Void;
            Next();
        }
        else
        {
            output = ParseFieldType(null);
        }
        var name = ExpectName("the method's name");
        var method = new MethodDef(name.Text, Loc(name))
        {
            CallKind = CallKind.Unary,
            IsOneway = oneway,
            OutputType = output,
            Service = service,
            FullName = service.FullName + "." + name.Text,
            Documentation = first.Doc,
        };
        var args = new MessageDef(name.Text + "_args", Loc(name))
        {
            Kind = MessageKind.Struct,
            FullName = service.FullName + "." + name.Text + "_args",
            File = _file,
        };
        Expect("(");
        ParseFieldList(args, method.Parameters, ")", FieldContext.Arguments);
        Expect(")");
        args.Fields.AddRange(method.Parameters);
        method.InputType = TypeRef.ForDefinition(args);
        if (Accept("throws"))
        {
            Expect("(");
            ParseFieldList(null, method.Throws, ")", FieldContext.Throws);
            Expect(")");
            foreach (var thrown in method.Throws)
            {
                thrown.FullName = method.FullName + "." + thrown.Name;
            }
        }
        ParseAnnotations(method);
        SkipListSeparator();
        return method;
    }
}
