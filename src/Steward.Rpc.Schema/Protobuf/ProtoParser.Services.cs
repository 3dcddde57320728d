using System.Collections.Generic;

namespace Steward.Rpc.Schema.Protobuf;

internal sealed partial class ProtoParser
{
    private ServiceDef ParseService()
    {
        var keyword = Expect("service");
        var nameToken = ExpectIdentifier("a service name");
        var service = new ServiceDef(nameToken.Text, Loc(nameToken)) { Documentation = keyword.LeadingComment, File = _file };
        Block("service definition", () =>
        {
            if (TryConsume(";"))
            {
                return;
            }
            if (At("option"))
            {
                ParseOptionStatement(service.Options);
            }
            else if (At("rpc"))
            {
                service.Methods.Add(ParseMethod(service));
            }
            else
            {
                throw Fail($"Expected \"rpc\" or \"option\" in the service definition, found {Current}.");
            }
        });
        return service;
    }

    private MethodDef ParseMethod(ServiceDef service)
    {
        var keyword = Expect("rpc");
        var nameToken = ExpectIdentifier("a method name");
        var method = new MethodDef(nameToken.Text, Loc(nameToken)) { Documentation = keyword.LeadingComment, Service = service };
        Expect("(");
        var clientStreaming = At("stream") && !PeekAt(1).Is(")") && TryConsume("stream");
        method.InputType = ParseMethodType();
        Expect(")");
        Expect("returns");
        Expect("(");
        var serverStreaming = At("stream") && !PeekAt(1).Is(")") && TryConsume("stream");
        method.OutputType = ParseMethodType();
        Expect(")");
        method.CallKind = (clientStreaming, serverStreaming) switch
        {
            (true, true) => CallKind.Duplex,
            (true, false) => CallKind.ClientStreaming,
            (false, true) => CallKind.ServerStreaming,
            _ => CallKind.Unary,
        };
        if (At("{"))
        {
            method.HasOptionsBlock = true;
            Block("method options", () =>
            {
                if (TryConsume(";"))
                {
                    return;
                }
                if (!At("option"))
                {
                    throw Fail($"Expected \"option\" in the method body, found {Current}.");
                }
                ParseOptionStatement(method.Options);
            });
            TryConsume(";");
        }
        else
        {
            Expect(";", $"Expected \";\" or \"{{\" after the method signature, found {Current}.");
        }
        return method;
    }

    private TypeRef ParseMethodType()
    {
        var token = Current;
        if (token.Kind == TokenKind.Identifier && ScalarKeywords.TryGetValue(token.Text, out var scalar))
        {
            Advance();
            _diagnostics.Error(ProtoDiagnostics.MethodTypeNotMessage, $"Method input and output types must be messages; \"{token.Text}\" is a scalar.", Loc(token));
            return TypeRef.ForScalar(scalar, Loc(token));
        }
        return TypeRef.Named(ParseDottedName("a message type", allowLeadingDot: true), Loc(token));
    }

    private void ParseExtend(List<ExtendDef> target, MessageDef? parent)
    {
        var keyword = Expect("extend");
        var typeToken = Current;
        var name = ParseDottedName("the name of the message to extend", allowLeadingDot: true);
        var extend = new ExtendDef(TypeRef.Named(name, Loc(typeToken)), Loc(typeToken))
        {
            Parent = parent,
            File = _file,
            Documentation = keyword.LeadingComment,
        };
        target.Add(extend);
        Block("extend block", () =>
        {
            if (TryConsume(";"))
            {
                return;
            }
            ParseField(parent, FieldContext.Extend, null, null, extend);
        });
    }
}
