#!/usr/bin/python3
"""ThriftTest client for Apache Thrift's cross test, on Debian's python3-thrift.

  /usr/bin/python3 client.py --host=localhost --port=9090 --protocol=binary|compact|json|multi
                             --transport=buffered|framed [--ssl --keys=DIR] [--domain-socket=PATH]

Calls every ThriftTest method with the values Apache's test clients use and checks each answer. Prints one line per
case ("testI32: passed" / "testI32: FAILED: why") and exits with Apache's error bits (1 base types, 2 structs,
4 containers, 8 exceptions, 64 unknown) OR-ed together, 0 when everything passed. testUuid is not called: the 0.17
code generator has no uuid. With --protocol=multi the calls go through TMultiplexedProtocol as "ThriftTest", and
SecondService.secondtestString is called as "SecondService" over the same connection.
"""
import math
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crosstest  # noqa: E402

BASE, STRUCTS, CONTAINERS, EXCEPTIONS, UNKNOWN = 1, 2, 4, 8, 64

# Control characters, JSON's escapes, the solidus and non-BMP text: each protocol's string path gets exercised.
UNUSUAL = '\b\t\n/\\\\\r{}:"\u0001\u007f caf\u00e9 \u30d1\u30a4\u30bd\u30f3 \U0001F600 \u0000 end'


class Failure(Exception):
    pass


def expect(actual, expected, what):
    if actual != expected:
        raise Failure("%s: expected %r, got %r" % (what, expected, actual))


def cases(client, second, t):
    """(name, error bit, function) for every case, in Apache's order."""
    def string():
        for s in ("Test", "", "Python" * 20, UNUSUAL):
            expect(client.testString(s), s, "testString")

    def boolean():
        expect(client.testBool(True), True, "testBool(true)")
        expect(client.testBool(False), False, "testBool(false)")

    def byte():
        for v in (1, 0, -1, 127, -128):
            expect(client.testByte(v), v, "testByte")

    def i32():
        for v in (-1, 0, 1, 2**31 - 1, -2**31):
            expect(client.testI32(v), v, "testI32")

    def i64():
        for v in (1, 0, -34359738368, 2**63 - 1, -2**63):
            expect(client.testI64(v), v, "testI64")

    def double():
        for v in (-5.235098235, 0.0, -1.0, -0.000341012439638598279, 1.7976931348623157e308, 5e-324, 1e-10):
            expect(client.testDouble(v), v, "testDouble")

    def binary():
        for v in (bytes(range(256)), b"", bytes([0xff, 0x00, 0x80]) * 1000):
            expect(bytes(client.testBinary(v)), v, "testBinary(%d bytes)" % len(v))

    def struct():
        x = t.Xtruct(string_thing="Zero", byte_thing=1, i32_thing=-3, i64_thing=-5)
        expect(client.testStruct(x), x, "testStruct")

    def nest():
        x = t.Xtruct2(byte_thing=1, struct_thing=t.Xtruct("Zero", 1, -3, -5), i32_thing=5)
        expect(client.testNest(x), x, "testNest")

    def map_():
        x = {i: i - 10 for i in range(5)}
        expect(client.testMap(x), x, "testMap")
        expect(client.testMap({}), {}, "testMap(empty)")

    def string_map():
        x = {"a": "2", "b": "blah", "some": "thing", "": "empty key", UNUSUAL: UNUSUAL}
        expect(client.testStringMap(x), x, "testStringMap")

    def set_():
        x = {-2, -1, 0, 1, 2}
        expect(client.testSet(x), x, "testSet")

    def list_():
        x = [-2, -1, 0, 1, 2, 2]
        expect(client.testList(x), x, "testList")
        expect(client.testList([]), [], "testList(empty)")

    def enum():
        for v in (t.Numberz.ONE, t.Numberz.TWO, t.Numberz.THREE, t.Numberz.FIVE, t.Numberz.EIGHT):
            expect(client.testEnum(v), v, "testEnum")

    def typedef():
        expect(client.testTypedef(309858235082523), 309858235082523, "testTypedef")

    def map_map():
        expected = {-4: {-4: -4, -3: -3, -2: -2, -1: -1}, 4: {1: 1, 2: 2, 3: 3, 4: 4}}
        expect(client.testMapMap(1), expected, "testMapMap(1)")

    def insanity():
        argument = t.Insanity(
            userMap={t.Numberz.FIVE: 5000, t.Numberz.EIGHT: 8},
            xtructs=[t.Xtruct("Goodbye4", 4, 4, 4), t.Xtruct("Hello2", 2, 2, 2)])
        whoa = client.testInsanity(argument)
        expect(sorted(whoa), [1, 2], "testInsanity keys")
        expect(whoa[1], {t.Numberz.TWO: argument, t.Numberz.THREE: argument}, "testInsanity[1]")
        expect(sorted(whoa[2]), [t.Numberz.SIX], "testInsanity[2] keys")
        empty = whoa[2][t.Numberz.SIX]
        # An empty Insanity may arrive with its containers absent or present-and-empty, depending on the peer.
        if (empty.userMap or {}) != {} or (empty.xtructs or []) != []:
            raise Failure("testInsanity[2][SIX]: expected an empty Insanity, got %r" % (empty,))

    def multi():
        got = client.testMulti(74, 0xff00ff, 0xffffffffd0d0, {0: "abc", 1: "one"}, t.Numberz.FIVE, 0xf0f0f0)
        expect(got, t.Xtruct("Hello2", 74, 0xff00ff, 0xffffffffd0d0), "testMulti")

    def exception():
        from thrift.Thrift import TApplicationException
        client.testException("Safe")
        try:
            client.testException("Xception")
            raise Failure("testException(Xception) returned normally")
        except t.Xception as x:
            expect((x.errorCode, x.message), (1001, "Xception"), "testException(Xception)")
        try:
            client.testException("TException")
            raise Failure("testException(TException) returned normally")
        except TApplicationException:
            pass
        # The connection must still be usable after an application exception.
        client.testException("success")

    def multi_exception():
        try:
            client.testMultiException("Xception", "ignore")
            raise Failure("testMultiException(Xception) returned normally")
        except t.Xception as x:
            expect((x.errorCode, x.message), (1001, "This is an Xception"), "testMultiException(Xception)")
        try:
            client.testMultiException("Xception2", "ignore")
            raise Failure("testMultiException(Xception2) returned normally")
        except t.Xception2 as x:
            expect((x.errorCode, x.struct_thing and x.struct_thing.string_thing), (2002, "This is an Xception2"),
                   "testMultiException(Xception2)")
        expect(client.testMultiException("success", "foobar").string_thing, "foobar", "testMultiException(success)")

    def oneway():
        start = time.monotonic()
        client.testOneway(1)
        took = time.monotonic() - start
        # Apache's clients allow a generous bound: a client that waited for the server's sleep would take >= 1 s.
        if took >= 3:
            raise Failure("testOneway(1) blocked for %.1f s" % took)
        # No reply may follow a oneway call: the next call must get its own answer.
        expect(client.testString("after oneway"), "after oneway", "testString after testOneway")

    def second_service():
        expect(second.secondtestString("foobar"), 'testString("foobar")', "SecondService.secondtestString")

    table = [
        ("testVoid", BASE, client.testVoid), ("testString", BASE, string), ("testBool", BASE, boolean),
        ("testByte", BASE, byte), ("testI32", BASE, i32), ("testI64", BASE, i64), ("testDouble", BASE, double),
        ("testBinary", BASE, binary), ("testStruct", STRUCTS, struct), ("testNest", STRUCTS, nest),
        ("testMap", CONTAINERS, map_), ("testStringMap", CONTAINERS, string_map), ("testSet", CONTAINERS, set_),
        ("testList", CONTAINERS, list_), ("testEnum", CONTAINERS, enum), ("testTypedef", CONTAINERS, typedef),
        ("testMapMap", CONTAINERS, map_map), ("testInsanity", STRUCTS, insanity), ("testMulti", STRUCTS, multi),
        ("testException", EXCEPTIONS, exception), ("testMultiException", EXCEPTIONS, multi_exception),
        ("testOneway", BASE, oneway),
    ]
    if second is not None:
        table.append(("secondtestString", BASE, second_service))
    return table


def main():
    flags = crosstest.parse_flags("ThriftTest cross-test client (python3-thrift)", client=True)
    crosstest.generate(flags)
    import ThriftTest.ttypes as t
    from thrift.protocol.TMultiplexedProtocol import TMultiplexedProtocol
    from thrift.transport import TSocket
    from ThriftTest import SecondService, ThriftTest

    if flags.domain_socket:
        sock = TSocket.TSocket(unix_socket=flags.domain_socket)
    elif flags.ssl:
        sock = crosstest.tssl().TSSLSocket(flags.host, flags.port, ca_certs=os.path.join(flags.keys, "server.crt"))
    else:
        sock = TSocket.TSocket(flags.host, flags.port)
    sock.setTimeout(20000)
    transport = crosstest.transport_factory(flags.transport).getTransport(sock)
    transport.open()
    protocol = crosstest.protocol_factory(flags.protocol).getProtocol(transport)
    second = None
    if flags.protocol.startswith("multi"):
        second = SecondService.Client(TMultiplexedProtocol(protocol, "SecondService"))
        protocol = TMultiplexedProtocol(protocol, "ThriftTest")
    client = ThriftTest.Client(protocol)

    errors = 0
    for name, bit, run in cases(client, second, t):
        try:
            run()
            print(name + ": passed", flush=True)
        except Failure as f:
            errors |= bit
            print("%s: FAILED: %s" % (name, f), flush=True)
        except Exception as e:  # noqa: BLE001 — any other error fails the case and is shown
            errors |= bit
            detail = "".join(traceback.format_exception_only(type(e), e)).strip().replace("\n", " ")
            print("%s: FAILED: %s" % (name, detail), flush=True)
            if isinstance(e, (EOFError, OSError)) or type(e).__name__ == "TTransportException":
                # The connection is gone; every further case would fail the same way.
                errors |= UNKNOWN
                break
    transport.close()
    return errors


if __name__ == "__main__":
    sys.exit(main())
