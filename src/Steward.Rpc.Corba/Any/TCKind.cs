namespace Steward.Rpc.Corba;

/// <summary>The kind of a <see cref="TypeCode"/>, with the values CDR carries (CORBA::TCKind, CORBA 3.0 15.3.5.1).</summary>
public enum TCKind : uint
{
    /// <summary>tk_null: no value.</summary>
    Null = 0,
    /// <summary>tk_void.</summary>
    Void = 1,
    /// <summary>tk_short.</summary>
    Short = 2,
    /// <summary>tk_long (32 bits).</summary>
    Long = 3,
    /// <summary>tk_ushort.</summary>
    UShort = 4,
    /// <summary>tk_ulong.</summary>
    ULong = 5,
    /// <summary>tk_float.</summary>
    Float = 6,
    /// <summary>tk_double.</summary>
    Double = 7,
    /// <summary>tk_boolean.</summary>
    Boolean = 8,
    /// <summary>tk_char.</summary>
    Char = 9,
    /// <summary>tk_octet.</summary>
    Octet = 10,
    /// <summary>tk_any.</summary>
    Any = 11,
    /// <summary>tk_TypeCode.</summary>
    TypeCode = 12,
    /// <summary>tk_Principal (deprecated; read, never written by Steward).</summary>
    Principal = 13,
    /// <summary>tk_objref: an interface (repository id, name).</summary>
    ObjRef = 14,
    /// <summary>tk_struct.</summary>
    Struct = 15,
    /// <summary>tk_union.</summary>
    Union = 16,
    /// <summary>tk_enum.</summary>
    Enum = 17,
    /// <summary>tk_string (bounded when <see cref="TypeCode.Length"/> is not 0).</summary>
    String = 18,
    /// <summary>tk_sequence.</summary>
    Sequence = 19,
    /// <summary>tk_array.</summary>
    Array = 20,
    /// <summary>tk_alias: a typedef.</summary>
    Alias = 21,
    /// <summary>tk_except: a user exception.</summary>
    Except = 22,
    /// <summary>tk_longlong.</summary>
    LongLong = 23,
    /// <summary>tk_ulonglong.</summary>
    ULongLong = 24,
    /// <summary>tk_longdouble (no value support).</summary>
    LongDouble = 25,
    /// <summary>tk_wchar.</summary>
    WChar = 26,
    /// <summary>tk_wstring.</summary>
    WString = 27,
    /// <summary>tk_fixed (no value support).</summary>
    Fixed = 28,
    /// <summary>tk_value (TypeCode only; no value support).</summary>
    Value = 29,
    /// <summary>tk_value_box (TypeCode only; no value support).</summary>
    ValueBox = 30,
    /// <summary>tk_native.</summary>
    Native = 31,
    /// <summary>tk_abstract_interface.</summary>
    AbstractInterface = 32,
    /// <summary>tk_local_interface.</summary>
    LocalInterface = 33,
    /// <summary>tk_component.</summary>
    Component = 34,
    /// <summary>tk_home.</summary>
    Home = 35,
    /// <summary>tk_event (TypeCode only; no value support).</summary>
    Event = 36,
}
