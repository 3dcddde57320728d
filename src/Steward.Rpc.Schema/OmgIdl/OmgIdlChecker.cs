namespace Steward.Rpc.Schema.OmgIdl;

/// <summary>
/// The checks that need every root read: nothing yet beyond what the parser checks as it resolves
/// names (IDL is declare-before-use), kept as the pipeline's seam like the other front-ends' checkers.
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
        // Every file met must be in the set, even one left open by an error.
        foreach (var file in _session.Files.Values)
        {
            if (!_set.Files.Contains(file))
            {
                _set.Files.Add(file);
            }
        }
    }
}
