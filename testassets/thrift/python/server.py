#!/usr/bin/python3
"""ThriftTest server for Apache Thrift's cross test, on Debian's python3-thrift.

  /usr/bin/python3 server.py --port=9090 --protocol=binary|compact|json|multi --transport=buffered|framed
                             [--ssl --keys=DIR] [--domain-socket=PATH] [TSimpleServer|TThreadedServer|TThreadPoolServer]

Behaviour per method follows ThriftTest.thrift's comments, as Apache's own test servers implement them.
With --protocol=multi the processor is a TMultiplexedProcessor: "ThriftTest" and "SecondService".
"""
import logging
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crosstest  # noqa: E402


class ThriftTestHandler:
    def testVoid(self):
        pass

    def testString(self, thing):
        return thing

    def testBool(self, thing):
        return thing

    def testByte(self, thing):
        return thing

    def testI32(self, thing):
        return thing

    def testI64(self, thing):
        return thing

    def testDouble(self, thing):
        return thing

    def testBinary(self, thing):
        return thing

    def testUuid(self, thing):
        return thing

    def testStruct(self, thing):
        return thing

    def testNest(self, thing):
        return thing

    def testMap(self, thing):
        return thing

    def testStringMap(self, thing):
        return thing

    def testSet(self, thing):
        return thing

    def testList(self, thing):
        return thing

    def testEnum(self, thing):
        return thing

    def testTypedef(self, thing):
        return thing

    def testMapMap(self, hello):
        return {-4: {-4: -4, -3: -3, -2: -2, -1: -1}, 4: {1: 1, 2: 2, 3: 3, 4: 4}}

    def testInsanity(self, argument):
        from ThriftTest.ttypes import Insanity, Numberz
        return {1: {Numberz.TWO: argument, Numberz.THREE: argument}, 2: {Numberz.SIX: Insanity()}}

    def testMulti(self, arg0, arg1, arg2, arg3, arg4, arg5):
        from ThriftTest.ttypes import Xtruct
        return Xtruct(string_thing="Hello2", byte_thing=arg0, i32_thing=arg1, i64_thing=arg2)

    def testException(self, arg):
        from thrift.Thrift import TException
        from ThriftTest.ttypes import Xception
        if arg == "Xception":
            raise Xception(errorCode=1001, message=arg)
        if arg == "TException":
            # Not declared by the method: the processor turns it into TApplicationException INTERNAL_ERROR.
            raise TException(message="This is a TException")

    def testMultiException(self, arg0, arg1):
        from ThriftTest.ttypes import Xception, Xception2, Xtruct
        if arg0 == "Xception":
            raise Xception(errorCode=1001, message="This is an Xception")
        if arg0 == "Xception2":
            raise Xception2(errorCode=2002, struct_thing=Xtruct(string_thing="This is an Xception2"))
        return Xtruct(string_thing=arg1)

    def testOneway(self, secondsToSleep):
        # A third of the requested time, as Apache's python server does: the client never waits for it anyway.
        time.sleep(secondsToSleep / 3)


class SecondServiceHandler:
    def secondtestString(self, thing):
        return 'testString("%s")' % thing


def main():
    flags = crosstest.parse_flags("ThriftTest cross-test server (python3-thrift)", client=False)
    crosstest.generate(flags)
    from thrift.server import TServer
    from thrift.transport import TSocket
    from thrift.TMultiplexedProcessor import TMultiplexedProcessor
    from ThriftTest import SecondService, ThriftTest

    processor = ThriftTest.Processor(ThriftTestHandler())
    if flags.protocol.startswith("multi"):
        multiplexed = TMultiplexedProcessor()
        multiplexed.registerProcessor("ThriftTest", processor)
        multiplexed.registerProcessor("SecondService", SecondService.Processor(SecondServiceHandler()))
        processor = multiplexed

    if flags.domain_socket:
        endpoint = TSocket.TServerSocket(unix_socket=flags.domain_socket)
    elif flags.ssl:
        endpoint = crosstest.tssl().TSSLServerSocket(
            None, flags.port,
            certfile=os.path.join(flags.keys, "server.crt"), keyfile=os.path.join(flags.keys, "server.key"))
    else:
        endpoint = TSocket.TServerSocket(None, flags.port)

    server_args = (processor, endpoint, crosstest.transport_factory(flags.transport),
                   crosstest.protocol_factory(flags.protocol))
    if flags.server_type == "TSimpleServer":
        server = TServer.TSimpleServer(*server_args)
    else:
        # Daemon connection threads, so the process ends when the test harness kills it.
        server = getattr(TServer, flags.server_type)(*server_args, daemon=True)
    where = flags.domain_socket or flags.port
    print("python3-thrift %s listening on %s (%s, %s%s)" % (
        flags.server_type, where, flags.protocol, flags.transport, ", ssl" if flags.ssl else ""), flush=True)
    server.serve()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
