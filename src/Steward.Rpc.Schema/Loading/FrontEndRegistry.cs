using System;
using System.Collections.Generic;
using Steward.Rpc.Schema.OmgIdl;
using Steward.Rpc.Schema.Protobuf;
using Steward.Rpc.Schema.Slice;
using Steward.Rpc.Schema.Thrift;

namespace Steward.Rpc.Schema;

/// <summary>
/// The IDL front-ends a compilation may use, looked up by file extension. Immutable: <see cref="With"/>
/// returns a new registry, so the shared <see cref="Default"/> cannot be changed from under a running
/// build (the Roslyn generator runs many compilations in one process).
/// </summary>
public sealed class FrontEndRegistry
{
    private readonly IIdlFrontEnd[] _frontEnds;
    private readonly Dictionary<string, IIdlFrontEnd> _byExtension = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers <paramref name="frontEnds"/>; earlier ones are tried first when a file is compiled.</summary>
    /// <exception cref="ArgumentException">Two front-ends claim the same extension, or one claims none.</exception>
    public FrontEndRegistry(params IIdlFrontEnd[] frontEnds)
    {
        if (frontEnds is null)
        {
            throw new ArgumentNullException(nameof(frontEnds));
        }
        _frontEnds = (IIdlFrontEnd[])frontEnds.Clone();
        foreach (var frontEnd in _frontEnds)
        {
            if (frontEnd is null)
            {
                throw new ArgumentException("A registered front-end is null.", nameof(frontEnds));
            }
            if (frontEnd.FileExtensions.Count == 0)
            {
                throw new ArgumentException($"The {frontEnd.Name} front-end declares no file extension.", nameof(frontEnds));
            }
            foreach (var extension in frontEnd.FileExtensions)
            {
                if (_byExtension.TryGetValue(extension, out var other))
                {
                    throw new ArgumentException($"The {frontEnd.Name} and {other.Name} front-ends both claim '{extension}'.", nameof(frontEnds));
                }
                _byExtension[extension] = frontEnd;
            }
        }
    }

    /// <summary>
    /// The front-ends Steward ships: proto (<c>.proto</c>), Thrift (<c>.thrift</c>), Slice (<c>.ice</c>) and OMG IDL (<c>.idl</c>). The source
    /// generator and <c>steward gen</c> use this; a new IDL adds its front-end here.
    /// </summary>
    public static FrontEndRegistry Default { get; } = new(new ProtoFrontEnd(), new ThriftFrontEnd(), new SliceFrontEnd(), new OmgIdlFrontEnd());

    /// <summary>The registered front-ends, in registration order.</summary>
    public IReadOnlyList<IIdlFrontEnd> FrontEnds => _frontEnds;

    /// <summary>The file extensions some front-end claims, for messages such as "expected .proto or .thrift".</summary>
    public IEnumerable<string> FileExtensions => _byExtension.Keys;

    /// <summary>A registry with the same front-ends plus <paramref name="frontEnd"/> (tried last).</summary>
    /// <exception cref="ArgumentException"><paramref name="frontEnd"/> claims an extension already taken.</exception>
    public FrontEndRegistry With(IIdlFrontEnd frontEnd)
    {
        var all = new IIdlFrontEnd[_frontEnds.Length + 1];
        _frontEnds.CopyTo(all, 0);
        all[_frontEnds.Length] = frontEnd;
        return new FrontEndRegistry(all);
    }

    /// <summary>The front-end whose extension <paramref name="path"/> ends with (the longest match wins), or null.</summary>
    public IIdlFrontEnd? ForPath(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }
        IIdlFrontEnd? best = null;
        var bestLength = 0;
        foreach (var pair in _byExtension)
        {
            if (pair.Key.Length > bestLength && path.EndsWith(pair.Key, StringComparison.OrdinalIgnoreCase))
            {
                best = pair.Value;
                bestLength = pair.Key.Length;
            }
        }
        return best;
    }
}
