#!/usr/bin/python3
# The Ice interop contract (../StewardTest.ice) served by ZeroC Ice for Python 3.7.
#   /usr/bin/python3 server.py --port=N      prints "ready" once the adapter listens on 127.0.0.1:N
import os
import sys

import Ice

HERE = os.path.dirname(os.path.abspath(__file__))
Ice.loadSlice(os.path.join(HERE, "..", "StewardTest.ice"))
import Test  # noqa: E402  (exists only once loadSlice has run)


def wrap(value, bits):
    """Two's-complement wrap-around, as the contract's Slice integer types have."""
    mask = (1 << bits) - 1
    value &= mask
    return value - (1 << bits) if value >> (bits - 1) else value


class OperationsI(Test.Operations):
    def __init__(self):
        self._value = 0

    def ping(self, current):
        pass

    def opBool(self, a, current):
        return (not a, a)

    def opByte(self, a, b, current):
        return (a ^ b, (a + b) & 0xFF)

    def opShort(self, a, b, current):
        return (wrap(a + b, 16), wrap(a - b, 16))

    def opInt(self, a, b, current):
        return (wrap(a + b, 32), wrap(a - b, 32))

    def opLong(self, a, b, current):
        return (wrap(a + b, 64), wrap(a - b, 64))

    def opFloat(self, a, current):
        return (a * 2, a / 2)

    def opDouble(self, a, current):
        return (a * 2, a / 2)

    def opString(self, a, b, current):
        return (a + b, b + a)

    def opColor(self, c, current):
        return (c, Test.Color.valueOf((c.value + 1) % 3))

    def opRich(self, r, current):
        r.i = wrap(r.i + 1, 32)
        # Python's upper() also folds ß to SS, which invariant-culture upper-casing does not; the clients keep
        # to text on which the two agree.
        r.str = r.str.upper()
        return r

    def opByteSeq(self, s, current):
        return s[::-1]

    def opIntSeq(self, s, current):
        return s[::-1]

    def opStringSeq(self, a, current):
        return (a, a[::-1])

    def opPointSeq(self, s, current):
        return [Test.Point(p.y, p.x) for p in s]

    def opStringSeqSeq(self, s, current):
        return [inner[::-1] for inner in s]

    def opDict(self, d, current):
        return (d, {k: wrap(v * 2, 32) for k, v in d.items()})

    def opNestedDict(self, d, current):
        return {wrap(-k, 32): v for k, v in d.items()}

    def opShape(self, s, current):
        if s is not None:
            s.name += "!"
        return s

    def opShapeSeq(self, s, current):
        # The unmarshaled list holds one Python object per instance, so sharing survives the way back.
        return s[::-1]

    def opCycle(self, n, current):
        nodes = [Test.Node(i + 1, None) for i in range(n)]
        for i, node in enumerate(nodes):
            node.next = nodes[(i + 1) % n]
        return nodes[0] if nodes else None

    def throwBase(self, reason, current):
        raise Test.BaseError(reason)

    def throwDerived(self, reason, code, current):
        raise Test.DerivedError(reason, code)

    def throwUnknown(self, current):
        raise RuntimeError("throwUnknown: a non-Ice exception in the servant")

    def opOptional(self, a, s, current):
        result = Ice.Unset if a is Ice.Unset else wrap(a + 1, 32)
        out_s = Ice.Unset if s is Ice.Unset else s + s
        return (result, out_s)

    def opContext(self, current):
        return dict(current.ctx)

    def setValue(self, v, current):
        self._value = v

    def getValue(self, current):
        return self._value

    def opIdempotent(self, a, current):
        return wrap(a * 3, 32)


def main(argv):
    port = next((a.split("=", 1)[1] for a in argv[1:] if a.startswith("--port=")), None)
    if port is None:
        print("usage: server.py --port=N", file=sys.stderr)
        return 2
    init = Ice.InitializationData()
    init.properties = Ice.createProperties()
    # Connections stay open however long a test idles, and no heartbeats interleave with the calls.
    init.properties.setProperty("Ice.ACM.Close", "0")
    init.properties.setProperty("Ice.ACM.Heartbeat", "0")
    # Peers may send large strings and sequences ("any length"); 1 MB is Ice's default cap.
    init.properties.setProperty("Ice.MessageSizeMax", "102400")
    init.properties.setProperty("Ice.Warn.Dispatch", "0")
    with Ice.initialize(init) as communicator:
        adapter = communicator.createObjectAdapterWithEndpoints("Test", "tcp -h 127.0.0.1 -p " + port)
        adapter.add(OperationsI(), Ice.stringToIdentity("test"))
        adapter.activate()
        print("ready", flush=True)
        communicator.waitForShutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
