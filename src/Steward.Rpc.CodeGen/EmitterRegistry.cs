using System;
using System.Collections.Generic;
using Steward.Rpc.CodeGen.Ice;
using Steward.Rpc.CodeGen.Protobuf;
using Steward.Rpc.CodeGen.Thrift;
using Steward.Rpc.Schema;

namespace Steward.Rpc.CodeGen;

/// <summary>
/// The C# emitters a generation run may use, looked up by <see cref="IdlSyntax"/>. Immutable:
/// <see cref="With"/> returns a new registry, so the shared <see cref="Default"/> cannot change under a
/// running build (the Roslyn generator runs many compilations in one process).
/// </summary>
public sealed class EmitterRegistry
{
    private readonly ICSharpEmitter[] _emitters;
    private readonly Dictionary<IdlSyntax, ICSharpEmitter> _bySyntax = new();

    /// <summary>Registers <paramref name="emitters"/>.</summary>
    /// <exception cref="ArgumentException">Two emitters serve the same syntax, or one serves none.</exception>
    public EmitterRegistry(params ICSharpEmitter[] emitters)
    {
        if (emitters is null)
        {
            throw new ArgumentNullException(nameof(emitters));
        }
        _emitters = (ICSharpEmitter[])emitters.Clone();
        foreach (var emitter in _emitters)
        {
            if (emitter is null)
            {
                throw new ArgumentException("A registered emitter is null.", nameof(emitters));
            }
            if (emitter.Syntaxes.Count == 0)
            {
                throw new ArgumentException($"The {emitter.Name} emitter serves no syntax.", nameof(emitters));
            }
            foreach (var syntax in emitter.Syntaxes)
            {
                if (_bySyntax.TryGetValue(syntax, out var other))
                {
                    throw new ArgumentException($"The {emitter.Name} and {other.Name} emitters both serve {syntax}.", nameof(emitters));
                }
                _bySyntax[syntax] = emitter;
            }
        }
    }

    /// <summary>
    /// The emitters Steward ships: protobuf (proto3 and proto2) and Thrift. The source generator and
    /// <c>steward gen</c> use this; a new IDL adds its emitter here.
    /// </summary>
    public static EmitterRegistry Default { get; } = new(new ProtobufEmitter(), new ThriftEmitter(), new IceEmitter(), new Corba.CorbaEmitter());

    /// <summary>The registered emitters, in registration order.</summary>
    public IReadOnlyList<ICSharpEmitter> Emitters => _emitters;

    /// <summary>A registry with the same emitters plus <paramref name="emitter"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="emitter"/> serves a syntax already served.</exception>
    public EmitterRegistry With(ICSharpEmitter emitter)
    {
        var all = new ICSharpEmitter[_emitters.Length + 1];
        _emitters.CopyTo(all, 0);
        all[_emitters.Length] = emitter;
        return new EmitterRegistry(all);
    }

    /// <summary>The emitter serving <paramref name="syntax"/>, or null.</summary>
    public ICSharpEmitter? ForSyntax(IdlSyntax syntax) =>
        _bySyntax.TryGetValue(syntax ?? throw new ArgumentNullException(nameof(syntax)), out var emitter) ? emitter : null;
}
