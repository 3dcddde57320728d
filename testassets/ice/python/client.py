#!/usr/bin/python3
# Calls every operation of the Ice interop contract (../StewardTest.ice) with ZeroC Ice for Python 3.7 and checks
# each result. Prints "<case>: passed" or "FAIL <case>: <why>" per case, then "N passed, N failed"; exits 1 on any
# failure.
#   /usr/bin/python3 client.py --host=H --port=N [--only=case,case]
import os
import sys
import time
import traceback

import Ice

HERE = os.path.dirname(os.path.abspath(__file__))
Ice.loadSlice(os.path.join(HERE, "..", "StewardTest.ice"))
import Test  # noqa: E402  (exists only once loadSlice has run)


class Failure(Exception):
    pass


def check(condition, why):
    if not condition:
        raise Failure(why)


def brief(value):
    # Long strings (opStringLong) would bury the report; the start of both values shows the difference well enough.
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + f"... ({len(text)} characters)"


def expect_equal(actual, expected, what="result"):
    if actual != expected:
        raise Failure(f"{what}: expected {brief(expected)}, got {brief(actual)}")


def expect_raises(exception_type, call):
    try:
        call()
    except exception_type as e:
        return e
    except Exception as e:  # noqa: BLE001  (the wrong exception is the failure being reported)
        raise Failure(f"expected {exception_type.__name__}, got {type(e).__name__}: {e}")
    raise Failure(f"expected {exception_type.__name__}, the call returned normally")


def poll_value(prx, expected):
    # A oneway and the twoway after it may be dispatched on different threads by a concurrent server, so the
    # stored value is read until it shows up (bounded, so a lost oneway is a failure, not a hang).
    value = None
    for _ in range(200):
        value = prx.getValue()
        if value == expected:
            return
        time.sleep(0.025)
    raise Failure(f"getValue: expected {expected}, still {value}")


def cases(communicator, prx, endpoint):
    def ping():
        prx.ping()

    def op_bool():
        expect_equal(prx.opBool(True), (False, True))
        expect_equal(prx.opBool(False), (True, False))

    def op_byte():
        expect_equal(prx.opByte(0x0F, 0xF1), (0xFE, 0x00))
        expect_equal(prx.opByte(255, 255), (0, 254))

    def op_short():
        expect_equal(prx.opShort(1000, 24), (1024, 976))
        expect_equal(prx.opShort(32767, 1), (-32768, 32766))
        expect_equal(prx.opShort(-32768, 1), (-32767, 32767))

    def op_int():
        expect_equal(prx.opInt(40, 2), (42, 38))
        expect_equal(prx.opInt(2147483647, 1), (-2147483648, 2147483646))
        expect_equal(prx.opInt(-2147483648, 1), (-2147483647, 2147483647))

    def op_long():
        expect_equal(prx.opLong(1 << 40, 5), ((1 << 40) + 5, (1 << 40) - 5))
        expect_equal(prx.opLong(9223372036854775807, 1), (-9223372036854775808, 9223372036854775806))

    def op_float():
        expect_equal(prx.opFloat(3.5), (7.0, 1.75))
        expect_equal(prx.opFloat(-0.125), (-0.25, -0.0625))

    def op_double():
        expect_equal(prx.opDouble(1e300), (2e300, 5e299))
        expect_equal(prx.opDouble(-2.5), (-5.0, -1.25))

    def op_string():
        expect_equal(prx.opString("ab", "cd"), ("abcd", "cdab"))
        expect_equal(prx.opString("", ""), ("", ""))
        expect_equal(prx.opString("grüße ", "日本語 🎉"), ("grüße 日本語 🎉", "日本語 🎉grüße "))

    def op_string_long():
        # Sizes above 254 take Ice's five-byte size form; 100 000 characters also spans many socket reads.
        a, b = "x" * 100000, "é" * 300
        expect_equal(prx.opString(a, b), (a + b, b + a))

    def op_color():
        expect_equal(prx.opColor(Test.Color.Red), (Test.Color.Red, Test.Color.Green))
        expect_equal(prx.opColor(Test.Color.Blue), (Test.Color.Blue, Test.Color.Red))

    def op_rich():
        r = Test.Rich(True, 200, -5, 2147483647, -(1 << 50), 1.5, -2.25, "hello wörld", Test.Color.Green, Test.Point(3, -4))
        got = prx.opRich(r)
        expected = Test.Rich(True, 200, -5, -2147483648, -(1 << 50), 1.5, -2.25, "HELLO WÖRLD", Test.Color.Green, Test.Point(3, -4))
        expect_equal(got, expected)

    def op_byte_seq():
        data = bytes(i % 256 for i in range(300))
        expect_equal(bytes(prx.opByteSeq(data)), data[::-1])
        expect_equal(bytes(prx.opByteSeq(b"")), b"")

    def op_int_seq():
        expect_equal(list(prx.opIntSeq([1, -2, 3, 2147483647])), [2147483647, 3, -2, 1])
        expect_equal(list(prx.opIntSeq([])), [])

    def op_string_seq():
        got, rev = prx.opStringSeq(["a", "", "ç"])
        expect_equal(list(got), ["a", "", "ç"], "returned")
        expect_equal(list(rev), ["ç", "", "a"], "reversed")

    def op_point_seq():
        got = prx.opPointSeq([Test.Point(1, 2), Test.Point(-3, 4)])
        expect_equal(list(got), [Test.Point(2, 1), Test.Point(4, -3)])

    def op_string_seq_seq():
        got = prx.opStringSeqSeq([["a", "b", "c"], [], ["x"]])
        expect_equal([list(s) for s in got], [["c", "b", "a"], [], ["x"]])

    def op_dict():
        d = {"one": 1, "minus": -7, "big": 1 << 30}
        got, doubled = prx.opDict(d)
        expect_equal(got, d, "returned")
        expect_equal(doubled, {"one": 2, "minus": -14, "big": -2147483648}, "doubled")

    def op_nested_dict():
        got = prx.opNestedDict({1: ["a"], -2: ["b", "c"], 0: []})
        expect_equal({k: list(v) for k, v in got.items()}, {-1: ["a"], 2: ["b", "c"], 0: []})

    def op_shape():
        got = prx.opShape(Test.Circle("c", 2.5))
        check(type(got) is Test.Circle, f"expected a Circle back, got {type(got).__name__}")
        expect_equal((got.name, got.radius), ("c!", 2.5))
        got = prx.opShape(Test.Square("s", 4.0))
        check(type(got) is Test.Square, f"expected a Square back, got {type(got).__name__}")
        expect_equal((got.name, got.side), ("s!", 4.0))
        got = prx.opShape(Test.Shape("plain"))
        check(type(got) is Test.Shape, f"expected a Shape back, got {type(got).__name__}")
        expect_equal(got.name, "plain!")
        check(prx.opShape(None) is None, "a null Shape came back non-null")

    def op_shape_seq():
        c, s = Test.Circle("c", 1.0), Test.Square("s", 2.0)
        got = prx.opShapeSeq([c, s, c, None])
        expect_equal(len(got), 4, "length")
        check(got[0] is None, "element 0 should be null")
        check(type(got[1]) is Test.Circle and type(got[2]) is Test.Square and type(got[3]) is Test.Circle,
              f"types: {[type(x).__name__ for x in got]}")
        check(got[1] is got[3], "the instance sent twice came back as two instances")
        check(got[1] is not got[2], "distinct instances came back as one")
        expect_equal((got[1].name, got[1].radius, got[2].name, got[2].side), ("c", 1.0, "s", 2.0))

    def op_cycle():
        head = prx.opCycle(5)
        node, values = head, []
        for _ in range(5):
            values.append(node.value)
            node = node.next
        expect_equal(values, [1, 2, 3, 4, 5], "values")
        check(node is head, "node 5's next is not node 1")
        one = prx.opCycle(1)
        check(one.value == 1 and one.next is one, "a ring of one should point to itself")

    def throw_base():
        e = expect_raises(Test.BaseError, lambda: prx.throwBase("bad"))
        check(type(e) is Test.BaseError, f"expected BaseError, got {type(e).__name__}")
        expect_equal(e.reason, "bad", "reason")

    def throw_derived():
        e = expect_raises(Test.DerivedError, lambda: prx.throwDerived("worse", 42))
        expect_equal((e.reason, e.code), ("worse", 42))
        check(isinstance(e, Test.BaseError), "DerivedError is not a BaseError")

    def throw_unknown():
        e = expect_raises(Ice.UnknownException, lambda: prx.throwUnknown())
        check(type(e) is Ice.UnknownException, f"expected UnknownException itself, got {type(e).__name__}")

    def op_optional_set():
        expect_equal(prx.opOptional(41, "ab"), (42, "abab"))

    def op_optional_unset():
        expect_equal(prx.opOptional(Ice.Unset, Ice.Unset), (Ice.Unset, Ice.Unset))
        expect_equal(prx.opOptional(7, Ice.Unset), (8, Ice.Unset))
        expect_equal(prx.opOptional(Ice.Unset, "x"), (Ice.Unset, "xx"))

    def op_context():
        expect_equal(prx.opContext(), {}, "no context")
        ctx = {"user": "steward", "empty": "", "ünï": "çödé"}
        expect_equal(prx.opContext(ctx), ctx, "explicit context")
        expect_equal(prx.ice_context({"via": "proxy"}).opContext(), {"via": "proxy"}, "proxy context")

    def oneway():
        prx.setValue(1)
        prx.ice_oneway().setValue(77)
        poll_value(prx, 77)

    def batch_oneway():
        prx.setValue(100)
        batch = prx.ice_batchOneway()
        batch.setValue(5)
        batch.setValue(6)
        # Queued on the client until the flush: the server still holds the twoway's value.
        expect_equal(prx.getValue(), 100, "before the flush")
        batch.ice_flushBatchRequests()
        poll_value(prx, 6)

    def op_idempotent():
        expect_equal(prx.opIdempotent(14), 42)
        expect_equal(prx.opIdempotent(1 << 30), -1073741824)

    def object_not_exist():
        other = communicator.stringToProxy("nosuch:" + endpoint)
        e = expect_raises(Ice.ObjectNotExistException, lambda: other.ice_ping())
        expect_equal(e.id.name, "nosuch", "identity")

    def facet_not_exist():
        e = expect_raises(Ice.FacetNotExistException, lambda: prx.ice_facet("nofacet").ice_ping())
        expect_equal(e.facet, "nofacet", "facet")

    def operation_not_exist():
        e = expect_raises(Ice.OperationNotExistException,
                          lambda: prx.ice_invoke("noSuchOp", Ice.OperationMode.Normal, b""))
        expect_equal(e.operation, "noSuchOp", "operation")

    def concurrent_calls():
        connection = prx.ice_getConnection()
        futures = [(i, prx.opIntAsync(i, 1)) for i in range(200)]
        for i, future in futures:
            expect_equal(future.result(), (i + 1, i - 1), f"call {i}")
        check(prx.ice_getConnection() is connection or prx.ice_getConnection() == connection,
              "the calls did not share one connection")

    def ice_ping():
        prx.ice_ping()

    def ice_is_a():
        check(prx.ice_isA("::Test::Operations"), "ice_isA(::Test::Operations) is false")
        check(prx.ice_isA("::Ice::Object"), "ice_isA(::Ice::Object) is false")
        check(not prx.ice_isA("::Test::Nothing"), "ice_isA(::Test::Nothing) is true")

    def ice_id():
        expect_equal(prx.ice_id(), "::Test::Operations")

    def ice_ids():
        expect_equal(list(prx.ice_ids()), ["::Ice::Object", "::Test::Operations"])

    def checked_cast():
        check(Test.OperationsPrx.checkedCast(communicator.stringToProxy("test:" + endpoint)) is not None,
              "checkedCast returned null")

    return [
        ("ping", ping), ("opBool", op_bool), ("opByte", op_byte), ("opShort", op_short), ("opInt", op_int),
        ("opLong", op_long), ("opFloat", op_float), ("opDouble", op_double), ("opString", op_string),
        ("opStringLong", op_string_long), ("opColor", op_color), ("opRich", op_rich), ("opByteSeq", op_byte_seq),
        ("opIntSeq", op_int_seq), ("opStringSeq", op_string_seq), ("opPointSeq", op_point_seq),
        ("opStringSeqSeq", op_string_seq_seq), ("opDict", op_dict), ("opNestedDict", op_nested_dict),
        ("opShape", op_shape), ("opShapeSeq", op_shape_seq), ("opCycle", op_cycle), ("throwBase", throw_base),
        ("throwDerived", throw_derived), ("throwUnknown", throw_unknown), ("opOptionalSet", op_optional_set),
        ("opOptionalUnset", op_optional_unset), ("opContext", op_context), ("oneway", oneway),
        ("batchOneway", batch_oneway), ("opIdempotent", op_idempotent), ("objectNotExist", object_not_exist),
        ("facetNotExist", facet_not_exist), ("operationNotExist", operation_not_exist),
        ("concurrentCalls", concurrent_calls), ("ice_ping", ice_ping), ("ice_isA", ice_is_a), ("ice_id", ice_id),
        ("ice_ids", ice_ids), ("checkedCast", checked_cast),
    ]


def main(argv):
    args = dict(a[2:].split("=", 1) for a in argv[1:] if a.startswith("--") and "=" in a)
    if "port" not in args:
        print("usage: client.py --host=H --port=N [--only=case,case]", file=sys.stderr)
        return 2
    endpoint = f"tcp -h {args.get('host', '127.0.0.1')} -p {args['port']}"
    init = Ice.InitializationData()
    init.properties = Ice.createProperties()
    init.properties.setProperty("Ice.ACM.Close", "0")
    init.properties.setProperty("Ice.ACM.Heartbeat", "0")
    init.properties.setProperty("Ice.MessageSizeMax", "102400")
    # A hung server fails the call that hangs instead of the whole run.
    init.properties.setProperty("Ice.Default.InvocationTimeout", "30000")
    passed = failed = 0
    with Ice.initialize(init) as communicator:
        prx = Test.OperationsPrx.uncheckedCast(communicator.stringToProxy("test:" + endpoint))
        only = set(args["only"].split(",")) if "only" in args else None
        for name, case in cases(communicator, prx, endpoint):
            if only is not None and name not in only:
                continue
            try:
                case()
                print(f"{name}: passed", flush=True)
                passed += 1
            except Failure as e:
                print(f"FAIL {name}: {e}", flush=True)
                failed += 1
            except Exception as e:  # noqa: BLE001  (an unexpected exception fails the case, not the run)
                why = f"{type(e).__name__}: {e}".replace("\n", " ")
                print(f"FAIL {name}: {why}", flush=True)
                traceback.print_exc(file=sys.stderr)
                failed += 1
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
