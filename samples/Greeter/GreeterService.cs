using Steward.Rpc;

namespace Greeter.Sample;

/// <summary>The service implementation: derive from the generated base and override its methods.</summary>
public sealed class GreeterService : Greeter.GreeterBase
{
    private static readonly (Language Language, string Format)[] Greetings =
    {
        (Language.English, "Hello, {0}!"),
        (Language.French, "Bonjour, {0} !"),
        (Language.German, "Hallo, {0}!"),
    };

    public override Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context)
    {
        var reply = new HelloReply { Message = string.Format(System.Globalization.CultureInfo.InvariantCulture, Greetings[0].Format, request.Name), Language = Language.English };
        reply.Tags.AddRange(request.Labels.Keys.Order(StringComparer.Ordinal));
        return Task.FromResult(reply);
    }

    public override async Task SayHelloStream(HelloRequest request, IServerStreamWriter<HelloReply> responseStream, ServerCallContext context)
    {
        var count = request.Count <= 0 ? Greetings.Length : Math.Min(request.Count, Greetings.Length);
        for (var i = 0; i < count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var (language, format) = Greetings[i];
            await responseStream.WriteAsync(new HelloReply
            {
                Message = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, request.Name),
                Language = language,
            }, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
