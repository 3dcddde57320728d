using System.CommandLine;
using Steward.Rpc;
using Steward.Rpc.Corba;
using Steward.Rpc.Corba.Naming;

namespace Steward.Cli.Corba;

/// <summary>
/// <c>steward corba ns list|resolve|bind|rebind|unbind|bind-new-context</c>: a CosNaming client as omniORB's
/// <c>nameclt</c> is, against the naming service <c>--ns</c> names (a corbaname:, corbaloc: or IOR: reference;
/// <c>corbaname::localhost:2809</c> by default). Names are stringified names (<c>a.kind/b</c>). <c>list</c> prints one
/// binding a line, contexts with a trailing <c>/</c>; <c>resolve</c> and <c>bind-new-context</c> print an IOR.
/// Exit codes: 0 done, 1 the naming service refused (NotFound, AlreadyBound, ...) or could not be reached, the reason on stderr.
/// </summary>
internal static class CorbaNamingCommand
{
    public const string DefaultNameService = "corbaname::localhost:2809";

    public static Command Create()
    {
        var ns = new Option<string>("--ns") { Description = "The naming service: a corbaname:, corbaloc: or IOR: reference", DefaultValueFactory = _ => DefaultNameService, Recursive = true };
        var command = new Command("ns", "A CosNaming client (like omniORB's nameclt): list, resolve, bind, rebind, unbind, bind-new-context.") { ns };

        var listName = new Argument<string?>("name") { Description = "The context to list (the root when omitted)", Arity = ArgumentArity.ZeroOrOne };
        var list = new Command("list", "List the bindings of a context, contexts with a trailing /.") { listName };
        list.SetAction((parse, token) => RunAsync("list", parse.GetValue(ns)!, token, async (root, options) =>
        {
            var name = parse.GetValue(listName);
            using var context = string.IsNullOrEmpty(name) ? null : root.WithContext(await root.ResolveAsync(name, options));
            foreach (var binding in await (context ?? root).ListAllAsync(100, options))
            {
                Console.Out.WriteLine(binding.ToString());
            }
        }));
        command.Subcommands.Add(list);

        var resolveName = new Argument<string>("name") { Description = "The name to resolve" };
        var resolve = new Command("resolve", "Print the IOR bound to a name.") { resolveName };
        resolve.SetAction((parse, token) => RunAsync("resolve", parse.GetValue(ns)!, token, async (root, options) =>
            Console.Out.WriteLine((await root.ResolveAsync(parse.GetValue(resolveName)!, options)).ToString())));
        command.Subcommands.Add(resolve);

        foreach (var (verb, rebind) in new[] { ("bind", false), ("rebind", true) })
        {
            var name = new Argument<string>("name") { Description = "The name to bind" };
            var target = new Argument<string>("reference") { Description = "The object: an IOR: string or a corbaloc: URL" };
            var bind = new Command(verb, rebind ? "Bind a name to an object, replacing an existing binding." : "Bind a name to an object.") { name, target };
            bind.SetAction((parse, token) => RunAsync(verb, parse.GetValue(ns)!, token, async (root, options) =>
            {
                var reference = CorbaObjectReference.Parse(parse.GetValue(target)!);
                var components = CosNames.Parse(parse.GetValue(name)!);
                await (rebind ? root.RebindAsync(components, reference, options) : root.BindAsync(components, reference, options));
            }));
            command.Subcommands.Add(bind);
        }

        var unbindName = new Argument<string>("name") { Description = "The name to unbind" };
        var unbind = new Command("unbind", "Remove a name's binding.") { unbindName };
        unbind.SetAction((parse, token) => RunAsync("unbind", parse.GetValue(ns)!, token, (root, options) =>
            root.UnbindAsync(CosNames.Parse(parse.GetValue(unbindName)!), options)));
        command.Subcommands.Add(unbind);

        var contextName = new Argument<string>("name") { Description = "The name of the new context" };
        var bindNewContext = new Command("bind-new-context", "Bind a name to a new context and print the context's IOR.") { contextName };
        bindNewContext.SetAction((parse, token) => RunAsync("bind-new-context", parse.GetValue(ns)!, token, async (root, options) =>
            Console.Out.WriteLine((await root.BindNewContextAsync(CosNames.Parse(parse.GetValue(contextName)!), options)).ToString())));
        command.Subcommands.Add(bindNewContext);
        return command;
    }

    private static async Task<int> RunAsync(string verb, string nameService, CancellationToken token, Func<NamingContextClient, CallOptions, Task> action)
    {
        try
        {
            using var root = NamingContextClient.Connect(nameService);
            await action(root, new CallOptions(cancellationToken: token));
            return 0;
        }
        catch (NotFoundException ex)
        {
            Console.Error.WriteLine($"{verb}: NotFound exception: {ex.Why switch { NotFoundReason.MissingNode => "missing node", NotFoundReason.NotContext => "not context", _ => "not object" }}");
        }
        catch (NamingException ex)
        {
            Console.Error.WriteLine($"{verb}: {ex.RepositoryId.Split('/')[^1].Split(':')[0]} exception");
        }
        catch (CannotProceedException)
        {
            Console.Error.WriteLine($"{verb}: CannotProceed exception");
        }
        catch (CorbaSystemException ex)
        {
            Console.Error.WriteLine($"{verb}: CORBA::{ex.Name} (minor 0x{ex.Minor:x8}): {ex.Message}");
        }
        catch (RpcException ex)
        {
            Console.Error.WriteLine($"{verb}: {ex.StatusCode}: {ex.Status.Detail}");
        }
        return 1;
    }
}
