using System.Collections.Generic;

namespace Steward.Rpc.Schema.OmgIdl;

/// <summary>
/// The checks that need every root read; most of IDL's rules are checked by the parser as it resolves
/// names (IDL is declare-before-use). Here: a forward-declared interface never defined is a warning,
/// as omniidl gives one (references to it still work), and every file met is in the set.
/// </summary>
internal sealed class OmgIdlChecker
{
    private readonly SchemaSet _set;
    private readonly OmgIdlSession _session;

    public OmgIdlChecker(SchemaSet set, OmgIdlSession session)
    {
        _set = set;
        _session = session;
    }

    public void Check()
    {
        foreach (var file in _session.Files.Values)
        {
            if (!_set.Files.Contains(file))
            {
                _set.Files.Add(file);
            }
        }
        var pending = new Stack<OmgIdlScope>();
        pending.Push(_session.Linker.Global);
        while (pending.Count > 0)
        {
            foreach (var symbol in pending.Pop().Symbols.Values)
            {
                if (symbol.Kind == OmgIdlKind.Interface && !symbol.Defined && !symbol.InProgress)
                {
                    _set.Diagnostics.Warning(OmgIdlDiagnostics.Incomplete,
                        $"Forward declared interface '{symbol.ScopedName}' was never fully defined.", symbol.Location);
                }
                if (symbol.Inner != null && symbol.Kind == OmgIdlKind.Module)
                {
                    pending.Push(symbol.Inner);
                }
            }
        }
    }
}
