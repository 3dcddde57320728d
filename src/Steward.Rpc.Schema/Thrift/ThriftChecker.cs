using System;
using System.Collections.Generic;

namespace Steward.Rpc.Schema.Thrift;

/// <summary>Semantic checks after linking: duplicates, oneway rules, throws clauses, service inheritance.</summary>
internal sealed class ThriftChecker
{
    private readonly SchemaSet _set;
    private readonly List<SchemaFile> _files;

    public ThriftChecker(SchemaSet set, List<SchemaFile> files)
    {
        _set = set;
        _files = files;
    }

    private DiagnosticBag Diagnostics => _set.Diagnostics;

    public void Check()
    {
        foreach (var file in _files)
        {
            foreach (var message in file.Messages)
            {
                CheckFields(message.Fields, message.Name);
            }
            foreach (var e in file.Enums)
            {
                CheckEnum(e);
            }
            foreach (var service in file.Services)
            {
                CheckService(service);
            }
        }
    }

    private void CheckFields(List<FieldDef> fields, string owner)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<int>();
        foreach (var field in fields)
        {
            if (!names.Add(field.Name))
            {
                Diagnostics.Error(ThriftDiagnostics.DuplicateFieldName,
                    $"\"{field.Number}: {field.Name}\" - field name \"{field.Name}\" has already been used in {owner}.", field.Location);
            }
            else if (!ids.Add(field.Number))
            {
                Diagnostics.Error(ThriftDiagnostics.DuplicateFieldId,
                    $"\"{field.Number}: {field.Name}\" - field identifier {field.Number} has already been used in {owner}.", field.NumberLocation);
            }
        }
    }

    private void CheckEnum(EnumDef e)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in e.Values)
        {
            if (!names.Add(value.Name))
            {
                Diagnostics.Error(ThriftDiagnostics.DuplicateEnumValue, $"Enum {e.Name}.{value.Name} is already defined.", value.Location);
            }
        }
    }

    private void CheckService(ServiceDef service)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var method in service.Methods)
        {
            if (!names.Add(method.Name))
            {
                Diagnostics.Error(ThriftDiagnostics.DuplicateMethod, $"Function {method.Name} is already defined in service {service.Name}.", method.Location);
            }
            else
            {
                var seen = new HashSet<ServiceDef> { service };
                for (var ancestor = service.Extends; ancestor != null && seen.Add(ancestor); ancestor = ancestor.Extends)
                {
                    if (ancestor.Methods.Exists(m => m.Name == method.Name))
                    {
                        Diagnostics.Error(ThriftDiagnostics.DuplicateMethod,
                            $"Function {method.Name} is already defined in service {ancestor.Name}, which {service.Name} extends.", method.Location);
                        break;
                    }
                }
            }
            var argsName = method.Name + "_args";
            CheckFields(method.Parameters, argsName);
            CheckFields(method.Throws, method.Name + " throws");
            if (method.IsOneway)
            {
                if (method.OutputType != TypeRef.Void)
                {
                    Diagnostics.Error(ThriftDiagnostics.OnewayNotVoid, $"Oneway method {method.Name} must return void.", method.Location);
                }
                if (method.Throws.Count > 0)
                {
                    Diagnostics.Error(ThriftDiagnostics.OnewayThrows, $"Oneway method {method.Name} can't throw exceptions.", method.Throws[0].Location);
                }
            }
            foreach (var thrown in method.Throws)
            {
                if (thrown.Type.Kind == TypeKind.Unresolved)
                {
                    continue;
                }
                if (thrown.Type.Definition is not MessageDef { Kind: MessageKind.Exception })
                {
                    Diagnostics.Error(ThriftDiagnostics.ThrowsNotException,
                        $"Throws clause may not contain non-exception types: \"{thrown.Name}\" is {thrown.Type}.", thrown.Type.Location);
                }
            }
        }
    }
}
