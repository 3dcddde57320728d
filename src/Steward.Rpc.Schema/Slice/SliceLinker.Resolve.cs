using System.Collections.Generic;

namespace Steward.Rpc.Schema.Slice;

internal sealed partial class SliceLinker
{
    private SliceSymbol? Find(SliceNameRef name)
    {
        var symbol = Lookup(name.Name, name.Scope, name.Order, name.File);
        if (symbol == null)
        {
            Diagnostics.Error(SliceDiagnostics.UndefinedName, $"`{name.Name}' is not defined.", name.Location);
        }
        return symbol;
    }

    private void LinkBase(SliceDecl decl, SliceNameRef name)
    {
        var symbol = Find(name);
        if (symbol == null)
        {
            return;
        }
        var wanted = decl.Kind switch
        {
            SliceKind.Class => SliceKind.Class,
            SliceKind.Exception => SliceKind.Exception,
            _ => SliceKind.Interface,
        };
        if (Defined(symbol.Kind) != wanted)
        {
            Diagnostics.Error(SliceDiagnostics.WrongBaseKind, $"`{name.Name}' is not {(wanted == SliceKind.Exception ? "an exception" : wanted == SliceKind.Class ? "a class" : "an interface")}.", name.Location);
            return;
        }
        if (VisibleDefinition(symbol, name.File, name.Order) == null)
        {
            Diagnostics.Error(SliceDiagnostics.DeclaredNotDefined, $"`{name.Name}' has been declared but not defined.", name.Location);
            return;
        }
        switch (decl.Element)
        {
            case MessageDef message:
                message.Base = (MessageDef)symbol.Definition!.Element!;
                break;
            case ServiceDef service:
                service.Bases.Add((ServiceDef)symbol.Definition!.Element!);
                break;
        }
    }

    private void LinkImplements(SliceDecl decl, SliceNameRef name)
    {
        var symbol = Find(name);
        if (symbol == null)
        {
            return;
        }
        if (Defined(symbol.Kind) != SliceKind.Interface)
        {
            Diagnostics.Error(SliceDiagnostics.WrongBaseKind, $"`{name.Name}' is not an interface.", name.Location);
            return;
        }
        if (VisibleDefinition(symbol, name.File, name.Order) == null)
        {
            Diagnostics.Error(SliceDiagnostics.DeclaredNotDefined, $"`{name.Name}' has been declared but not defined.", name.Location);
            return;
        }
        Diagnostics.Warning(SliceDiagnostics.Deprecated, "Classes implementing interfaces are deprecated; the interface is not modelled on the class.", name.Location);
        decl.ImplementedInterfaces.Add((ServiceDef)symbol.Definition!.Element!);
    }

    private void LinkThrows(FieldDef field, SliceNameRef name, SliceDecl user)
    {
        var symbol = Find(name);
        if (symbol == null)
        {
            return;
        }
        if (symbol.Kind != SliceKind.Exception)
        {
            Diagnostics.Error(SliceDiagnostics.ThrowsNonException, $"`{name.Name}' is not an exception.", name.Location);
            return;
        }
        if (symbol.Definition!.IsLocal && !user.IsLocal)
        {
            Diagnostics.Error(SliceDiagnostics.LocalInNonLocal, $"Non-local interface `{user.Name}' cannot throw local exception `{name.Name}'.", name.Location);
        }
        var exception = (MessageDef)symbol.Definition!.Element!;
        field.Type.Resolve(exception);
        field.Name = exception.Name;
    }

    /// <summary><c>enum E { A = K }</c>: the constant's value, then the implicit values after it count on from there.</summary>
    private void LinkEnumeratorConstant(SliceUnit unit, EnumValueDef enumerator, SliceNameRef name)
    {
        var symbol = Find(name);
        if (symbol == null)
        {
            return;
        }
        if (symbol.Definition?.Element is not ConstantDef constant || !constant.Value.TryGetInt64(out var value)
            || !(constant.Type.IsScalar(ScalarType.Byte) || constant.Type.IsScalar(ScalarType.Int16) || constant.Type.IsScalar(ScalarType.Int32) || constant.Type.IsScalar(ScalarType.Int64)))
        {
            Diagnostics.Error(SliceDiagnostics.EnumeratorValue, $"Value for enumerator `{enumerator.Name}' must be an integer constant.", name.Location);
            return;
        }
        var values = enumerator.Owner!.Values;
        if (value < 0 || value > int.MaxValue)
        {
            Diagnostics.Error(SliceDiagnostics.EnumeratorValue, $"Value for enumerator `{enumerator.Name}' is out of range.", name.Location);
            values.Remove(enumerator);
            return;
        }
        enumerator.Number = (int)value;
        for (var i = values.IndexOf(enumerator) + 1; i < values.Count && unit.ImplicitEnumerators.Contains(values[i]); i++)
        {
            values[i].Number = values[i - 1].Number + 1;
        }
    }

    private void LinkTag(SliceTagUse use)
    {
        var symbol = Find(use.Name);
        if (symbol == null)
        {
            return;
        }
        if (symbol.Definition?.Element is not ConstantDef constant || !constant.Value.TryGetInt64(out var value)
            || !(constant.Type.IsScalar(ScalarType.Byte) || constant.Type.IsScalar(ScalarType.Int16) || constant.Type.IsScalar(ScalarType.Int32) || constant.Type.IsScalar(ScalarType.Int64)))
        {
            Diagnostics.Error(SliceDiagnostics.SyntaxError, $"Invalid tag `{use.Name.Name}' for optional: it is not an integer constant.", use.Name.Location);
            return;
        }
        if (value < 0 || value > int.MaxValue)
        {
            Diagnostics.Error(SliceDiagnostics.OutOfRange, "Tag for optional is out of range.", use.Name.Location);
            return;
        }
        use.Field.Number = (int)value;
    }

    private void ResolveUse(SliceTypeUse use)
    {
        var name = use.Name;
        if (name.Name == "LocalObject")
        {
            CheckLocal(use, null, true);
            return;
        }
        var symbol = Find(name);
        if (symbol == null)
        {
            return;
        }
        CheckLocal(use, symbol, false);
        // A class or interface defined only in a file this one does not include is, here, only declared.
        var visible = VisibleDefinition(symbol, name.File);
        var kind = visible?.Kind ?? symbol.Kind switch
        {
            SliceKind.Class => SliceKind.ClassForward,
            SliceKind.Interface => SliceKind.InterfaceForward,
            var other => other,
        };
        var definition = visible?.Element;
        if (use.Type.Kind == TypeKind.Proxy)
        {
            switch (Defined(kind))
            {
                case SliceKind.Interface:
                    if (definition is ServiceDef service)
                    {
                        use.Type.ResolveProxy(service);
                    }
                    return;
                case SliceKind.Class:
                    Diagnostics.Warning(SliceDiagnostics.Deprecated, "Proxy for a class is deprecated; it is modelled as Object*.", name.Location);
                    return;
                default:
                    Diagnostics.Error(SliceDiagnostics.IllegalProxy, $"`{name.Name}' must be class or interface.", name.Location);
                    return;
            }
        }
        switch (kind)
        {
            case SliceKind.Module:
            case SliceKind.Const:
            case SliceKind.Enumerator:
                Diagnostics.Error(SliceDiagnostics.UndefinedName, $"`{name.Name}' is not a type.", name.Location);
                return;
            case SliceKind.Exception:
                Diagnostics.Error(SliceDiagnostics.ExceptionAsType, $"`{name.Name}' is an exception, which cannot be used as a type.", name.Location);
                return;
            case SliceKind.Interface:
            case SliceKind.InterfaceForward:
                // Local interfaces are used by value throughout Ice's own files; only the remote kind is deprecated.
                if (!(symbol.Definition ?? symbol.First).IsLocal)
                {
                    Diagnostics.Warning(SliceDiagnostics.Deprecated, "Interface by value is deprecated; it is modelled as Value.", name.Location);
                }
                ModelAsValue(use);
                return;
            case SliceKind.ClassForward:
                if (!(symbol.First.IsLocal || (use.User?.IsLocal ?? false)))
                {
                    Diagnostics.Warning(SliceDiagnostics.NeverDefined, $"Class `{name.Name}' is declared but never defined; it is modelled as Value.", name.Location);
                }
                ModelAsValue(use);
                return;
        }
        if (definition is TypeDef type)
        {
            use.Type.Resolve(type);
        }
    }

    private void CheckLocal(SliceTypeUse use, SliceSymbol? symbol, bool localObject)
    {
        var user = use.User;
        if (user == null || user.IsLocal)
        {
            return;
        }
        var local = localObject || (symbol != null && (symbol.Definition ?? symbol.First).IsLocal);
        if (local)
        {
            Diagnostics.Error(SliceDiagnostics.LocalInNonLocal, $"Non-local {KindName(user.Kind)} `{user.Name}' cannot use local type `{use.Name.Name}'.", use.Name.Location);
        }
    }

    private void ModelAsValue(SliceTypeUse use)
    {
        _modelledAsValue.Add(use.Type);
        ReplaceInTypedef(use);
    }

    private TypeRef Replacement(TypeRef type) =>
        _modelledAsValue.Contains(type) ? TypeRef.ForScalar(ScalarType.AnyClass, type.Location) : type;

    /// <summary>A sequence or dictionary of interfaces by value holds Values; rebuilt at once, before later uses copy the target.</summary>
    private void ReplaceInTypedef(SliceTypeUse use)
    {
        if (use.User?.Element is TypedefDef typedef)
        {
            var target = typedef.Target;
            typedef.Target = target.Kind == TypeKind.Map
                ? TypeRef.Map(Replacement(target.Key!), Replacement(target.Element!), target.Location)
                : TypeRef.List(Replacement(target.Element!), target.Location);
        }
    }

    /// <summary>
    /// Members, parameters and return values typed by an interface (not a proxy) or by a class that is
    /// only ever declared become <see cref="ScalarType.AnyClass"/>: any class instance can be sent there.
    /// </summary>
    private void ReplaceModelledAsValue()
    {
        if (_modelledAsValue.Count == 0)
        {
            return;
        }
        foreach (var unit in _units)
        {
            foreach (var message in unit.File.Messages)
            {
                ReplaceFields(message.Fields);
            }
            foreach (var service in unit.File.Services)
            {
                foreach (var method in service.Methods)
                {
                    ReplaceFields(method.Parameters);
                    if (method.ReturnValue != null)
                    {
                        method.ReturnValue.Type = Replacement(method.ReturnValue.Type);
                    }
                }
            }
        }
    }

    private void ReplaceFields(List<FieldDef> fields)
    {
        foreach (var field in fields)
        {
            field.Type = Replacement(field.Type);
        }
    }
}
