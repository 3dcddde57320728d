#!/usr/bin/python3
"""grpcio (Debian python3-grpcio) side of the interop matrix: a TestService server and the interop client cases.

Debian ships no grpc interop package, so this follows doc/interop-test-descriptions.md directly.
Stubs are made at start-up with protoc + grpc_python_plugin from --protos=DIR (the root holding grpc/testing/*.proto).

  grpcio_interop.py server --protos=DIR --port=N
  grpcio_interop.py client --protos=DIR --server_host=H --server_port=N --test_case=NAME
"""
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from concurrent import futures


def flags(argv):
    out = {}
    for arg in argv:
        if arg.startswith("--") and "=" in arg:
            k, v = arg[2:].split("=", 1)
            out[k] = v
    return out


def load(protos):
    # The protos' package path grpc/testing would shadow the grpc module, so the stubs go into a flat
    # package of their own and their cross-imports are rewritten to it.
    out = tempfile.mkdtemp(prefix="grpcio-stubs-")
    files = ["grpc/testing/empty.proto", "grpc/testing/messages.proto", "grpc/testing/test.proto"]
    subprocess.run(["protoc", "-I" + protos, "--python_out=" + out, "--grpc_python_out=" + out,
                    "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin"] + files, check=True)
    pkg = os.path.join(out, "interop_stubs")
    os.makedirs(pkg)
    open(os.path.join(pkg, "__init__.py"), "w").close()
    src = os.path.join(out, "grpc", "testing")
    for name in os.listdir(src):
        with open(os.path.join(src, name)) as fh:
            text = re.sub(r"from grpc\.testing import", "from interop_stubs import", fh.read())
        with open(os.path.join(pkg, name), "w") as fh:
            fh.write(text)
    sys.path.insert(0, out)
    global grpc, empty_pb2, messages_pb2, test_pb2, test_pb2_grpc
    import grpc
    from interop_stubs import empty_pb2, messages_pb2, test_pb2, test_pb2_grpc


# ---------------------------------------------------------------- server

def zeros(n):
    return messages_pb2.Payload(body=b"\0" * n)


def echo_metadata(context):
    initial = []
    for key, value in context.invocation_metadata():
        if key == "x-grpc-test-echo-initial":
            initial.append((key, value))
        elif key == "x-grpc-test-echo-trailing-bin":
            context.set_trailing_metadata(((key, value),))
    if initial:
        context.send_initial_metadata(tuple(initial))


def maybe_status(request, context):
    if request.HasField("response_status") and request.response_status.code != 0:
        context.abort(grpc.StatusCode(_code(request.response_status.code)), request.response_status.message)


def _code(number):
    for code in grpc.StatusCode:
        if code.value[0] == number:
            return code.value
    return grpc.StatusCode.UNKNOWN.value


class TestService(object):
    def EmptyCall(self, request, context):
        return empty_pb2.Empty()

    def UnaryCall(self, request, context):
        echo_metadata(context)
        maybe_status(request, context)
        if request.HasField("response_compressed"):
            context.set_compression(grpc.Compression.Gzip if request.response_compressed.value else grpc.Compression.NoCompression)
        return messages_pb2.SimpleResponse(payload=zeros(request.response_size))

    def StreamingOutputCall(self, request, context):
        maybe_status(request, context)
        for p in request.response_parameters:
            if p.interval_us:
                time.sleep(p.interval_us / 1e6)
            yield messages_pb2.StreamingOutputCallResponse(payload=zeros(p.size))

    def StreamingInputCall(self, request_iterator, context):
        total = sum(len(r.payload.body) for r in request_iterator)
        return messages_pb2.StreamingInputCallResponse(aggregated_payload_size=total)

    def FullDuplexCall(self, request_iterator, context):
        echo_metadata(context)
        for request in request_iterator:
            maybe_status(request, context)
            for p in request.response_parameters:
                if p.interval_us:
                    time.sleep(p.interval_us / 1e6)
                yield messages_pb2.StreamingOutputCallResponse(payload=zeros(p.size))

    def HalfDuplexCall(self, request_iterator, context):
        requests = list(request_iterator)
        for request in requests:
            for p in request.response_parameters:
                yield messages_pb2.StreamingOutputCallResponse(payload=zeros(p.size))


def serve(f):
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    # Deriving from the generated servicer makes the methods not defined here (UnimplementedCall) answer UNIMPLEMENTED.
    servicer = type("TestServiceImpl", (TestService, test_pb2_grpc.TestServiceServicer), {})()
    test_pb2_grpc.add_TestServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:" + f["port"])
    server.start()
    print("grpcio interop server listening on %d" % port, flush=True)
    server.wait_for_termination()


# ---------------------------------------------------------------- client

class Failed(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failed(what)


def check_zeros(payload, size, what):
    check(len(payload.body) == size, "%s: body is %d bytes (got %d)" % (what, size, len(payload.body)))
    check(payload.body == b"\0" * size, what + ": body is zeros")


def expect_rpc_error(fn):
    try:
        fn()
    except grpc.RpcError as e:
        return e
    raise Failed("the call succeeded but should have failed")


def run_case(stub, channel, case):
    SimpleRequest = messages_pb2.SimpleRequest
    SOCR = messages_pb2.StreamingOutputCallRequest
    RP = messages_pb2.ResponseParameters
    if case == "empty_unary":
        check(stub.EmptyCall(empty_pb2.Empty()) is not None, "response is non-null")
    elif case == "large_unary":
        r = stub.UnaryCall(SimpleRequest(response_size=314159, payload=zeros(271828)))
        check_zeros(r.payload, 314159, "response")
    elif case == "client_streaming":
        reqs = [messages_pb2.StreamingInputCallRequest(payload=zeros(n)) for n in (27182, 8, 1828, 45904)]
        r = stub.StreamingInputCall(iter(reqs))
        check(r.aggregated_payload_size == 74922, "aggregated_payload_size is 74922 (got %d)" % r.aggregated_payload_size)
    elif case == "server_streaming":
        sizes = [31415, 9, 2653, 58979]
        got = [len(r.payload.body) for r in stub.StreamingOutputCall(SOCR(response_parameters=[RP(size=n) for n in sizes]))]
        check(got == sizes, "responses sized %s (got %s)" % (sizes, got))
    elif case == "ping_pong":
        ping_pong(stub, SOCR, RP)
    elif case == "empty_stream":
        got = list(stub.FullDuplexCall(iter([])))
        check(got == [], "zero responses")
    elif case == "custom_metadata":
        md = (("x-grpc-test-echo-initial", "test_initial_metadata_value"), ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab"))
        r, call = stub.UnaryCall.with_call(SimpleRequest(response_size=314159, payload=zeros(271828)), metadata=md)
        check_metadata(call.initial_metadata(), call.trailing_metadata(), "unary")
        call = stub.FullDuplexCall(iter([SOCR(response_parameters=[RP(size=314159)], payload=zeros(271828))]), metadata=md)
        for _ in call:
            pass
        check_metadata(call.initial_metadata(), call.trailing_metadata(), "duplex")
    elif case in ("status_code_and_message", "special_status_message"):
        message = "test status message" if case == "status_code_and_message" else \
            "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"
        status = messages_pb2.EchoStatus(code=2, message=message)
        e = expect_rpc_error(lambda: stub.UnaryCall(SimpleRequest(response_status=status)))
        check(e.code() == grpc.StatusCode.UNKNOWN, "unary: UNKNOWN (got %s)" % e.code())
        check(e.details() == message, "unary: message round-trips (got %r)" % e.details())
        if case == "status_code_and_message":
            e = expect_rpc_error(lambda: list(stub.FullDuplexCall(iter([SOCR(response_status=status)]))))
            check(e.code() == grpc.StatusCode.UNKNOWN, "duplex: UNKNOWN (got %s)" % e.code())
            check(e.details() == message, "duplex: message round-trips (got %r)" % e.details())
    elif case == "unimplemented_method":
        e = expect_rpc_error(lambda: stub.UnimplementedCall(empty_pb2.Empty()))
        check(e.code() == grpc.StatusCode.UNIMPLEMENTED, "UNIMPLEMENTED (got %s)" % e.code())
    elif case == "unimplemented_service":
        other = test_pb2_grpc.UnimplementedServiceStub(channel)
        e = expect_rpc_error(lambda: other.UnimplementedCall(empty_pb2.Empty()))
        check(e.code() == grpc.StatusCode.UNIMPLEMENTED, "UNIMPLEMENTED (got %s)" % e.code())
    elif case == "cancel_after_begin":
        gate = threading.Event()

        def never():
            gate.wait()
            return
            yield  # makes this a generator

        future = stub.StreamingInputCall.future(never())
        future.cancel()
        gate.set()
        check(future.cancelled(), "call completed as CANCELLED")
    elif case == "cancel_after_first_response":
        q = []
        cv = threading.Condition()
        done = [False]

        def requests():
            yield SOCR(response_parameters=[RP(size=31415)], payload=zeros(27182))
            with cv:
                cv.wait_for(lambda: done[0])

        call = stub.FullDuplexCall(requests())
        first = next(call)
        check_zeros(first.payload, 31415, "first response")
        call.cancel()
        with cv:
            done[0] = True
            cv.notify_all()
        check(call.code() == grpc.StatusCode.CANCELLED, "CANCELLED (got %s)" % call.code())
    elif case == "timeout_on_sleeping_server":
        cv = threading.Event()

        def requests():
            yield SOCR(payload=zeros(27182))
            cv.wait(5)

        call = stub.FullDuplexCall(requests(), timeout=0.001)
        e = expect_rpc_error(lambda: list(call))
        cv.set()
        check(e.code() == grpc.StatusCode.DEADLINE_EXCEEDED, "DEADLINE_EXCEEDED (got %s)" % e.code())
    elif case == "client_compressed_unary":
        def req(expect):
            return SimpleRequest(expect_compressed=messages_pb2.BoolValue(value=expect), response_size=314159, payload=zeros(271828))
        e = expect_rpc_error(lambda: stub.UnaryCall(req(True)))
        check(e.code() == grpc.StatusCode.INVALID_ARGUMENT, "probe: INVALID_ARGUMENT (got %s)" % e.code())
        check_zeros(stub.UnaryCall(req(True), compression=grpc.Compression.Gzip).payload, 314159, "compressed call")
        check_zeros(stub.UnaryCall(req(False)).payload, 314159, "uncompressed call")
    elif case == "server_compressed_unary":
        # grpcio does not expose per-message flags; size and contents are checked.
        for compressed in (True, False):
            r = stub.UnaryCall(SimpleRequest(response_compressed=messages_pb2.BoolValue(value=compressed), response_size=314159, payload=zeros(271828)))
            check_zeros(r.payload, 314159, "response (compressed=%s)" % compressed)
    else:
        raise Failed("unknown test case " + case)


def ping_pong(stub, SOCR, RP):
    import queue
    pending = queue.Queue()
    reqs = [27182, 8, 1828, 45904]
    resps = [31415, 9, 2653, 58979]

    def requests():
        while True:
            item = pending.get()
            if item is None:
                return
            yield item

    call = stub.FullDuplexCall(requests())
    for i in range(4):
        pending.put(SOCR(response_parameters=[RP(size=resps[i])], payload=zeros(reqs[i])))
        r = next(call)
        check_zeros(r.payload, resps[i], "response %d" % i)
    pending.put(None)
    check(list(call) == [], "exactly four responses")


def check_metadata(initial, trailing, what):
    initial = dict(initial or ())
    trailing = dict(trailing or ())
    check(initial.get("x-grpc-test-echo-initial") == "test_initial_metadata_value", what + ": initial metadata echoed (got %r)" % (initial,))
    check(trailing.get("x-grpc-test-echo-trailing-bin") == b"\xab\xab\xab", what + ": trailing metadata echoed (got %r)" % (trailing,))


def client(f):
    target = "%s:%s" % (f.get("server_host", "localhost"), f["server_port"])
    with grpc.insecure_channel(target) as channel:
        stub = test_pb2_grpc.TestServiceStub(channel)
        failures = 0
        for case in f["test_case"].split(","):
            try:
                run_case(stub, channel, case)
                print("%s: passed" % case, flush=True)
            except (Failed, grpc.RpcError) as e:
                failures += 1
                print("%s: FAILED: %s" % (case, str(e).replace("\n", " ")), flush=True)
        return 1 if failures else 0


if __name__ == "__main__":
    mode = sys.argv[1]
    f = flags(sys.argv[2:])
    load(f["protos"])
    if mode == "server":
        serve(f)
    else:
        sys.exit(client(f))
