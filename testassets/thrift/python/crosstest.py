"""Shared by server.py and client.py: the cross-test flags, code generation and the protocol/transport stacks.

Runs under Debian's /usr/bin/python3 with python3-thrift (0.17). The ThriftTest code is generated at start-up by
the thrift compiler into a temporary directory, so nothing generated is committed and the IDL is the only input.
"""
import argparse
import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
# The 0.17 compiler has no uuid type, so the python peer always speaks the uuid-less contract.
DEFAULT_IDL = os.path.join(os.path.dirname(HERE), "ThriftTest.no-uuid.thrift")
PROTOCOLS = ("binary", "compact", "json", "multi", "multic", "multij")
TRANSPORTS = ("buffered", "framed")


def parse_flags(description, client):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--port", type=int, default=9090)
    if client:
        p.add_argument("--host", default="localhost")
    p.add_argument("--protocol", choices=PROTOCOLS, default="binary",
                   help="multi = TMultiplexedProtocol over binary (multic: over compact, multij: over json)")
    p.add_argument("--transport", choices=TRANSPORTS, default="buffered")
    p.add_argument("--ssl", action="store_true", help="TLS; certificates from --keys")
    p.add_argument("--keys", default=os.environ.get("THRIFT_TEST_KEYS", ""),
                   help="directory with server.crt and server.key (PEM); the client trusts server.crt")
    p.add_argument("--domain-socket", dest="domain_socket", default=None, help="Unix domain socket path instead of TCP")
    p.add_argument("--idl", default=DEFAULT_IDL, help="the ThriftTest IDL to generate the python code from")
    p.add_argument("--thrift", default=shutil.which("thrift") or "/usr/bin/thrift", help="the thrift compiler")
    if not client:
        p.add_argument("server_type", nargs="?", default="TThreadedServer",
                       choices=("TSimpleServer", "TThreadedServer", "TThreadPoolServer"))
    flags = p.parse_args()
    if flags.ssl and not flags.keys:
        p.error("--ssl needs --keys=DIR (or THRIFT_TEST_KEYS) holding server.crt and server.key")
    return flags


def generate(flags):
    """Compiles the IDL with `thrift --gen py` into a temporary directory and puts it on sys.path."""
    out = tempfile.mkdtemp(prefix="thrift-py-")
    atexit.register(shutil.rmtree, out, True)
    done = subprocess.run([flags.thrift, "--gen", "py", "-out", out, flags.idl], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("thrift --gen py failed:\n" + done.stderr)
    sys.path.insert(0, out)


def protocol_factory(name):
    from thrift.protocol import TBinaryProtocol, TCompactProtocol, TJSONProtocol
    base = name[len("multi"):] if name.startswith("multi") else name
    return {
        "binary": TBinaryProtocol.TBinaryProtocolFactory,
        "": TBinaryProtocol.TBinaryProtocolFactory,
        "compact": TCompactProtocol.TCompactProtocolFactory,
        "c": TCompactProtocol.TCompactProtocolFactory,
        "json": TJSONProtocol.TJSONProtocolFactory,
        "j": TJSONProtocol.TJSONProtocolFactory,
    }[base]()


def transport_factory(name):
    from thrift.transport import TTransport
    return TTransport.TFramedTransportFactory() if name == "framed" else TTransport.TBufferedTransportFactory()


def tssl():
    """thrift.transport.TSSLSocket, quietly: 0.17 uses ssl APIs that python 3.11 deprecates and re-enables those
    warnings for itself on import; they would only bury the case lines."""
    from thrift.transport import TSSLSocket
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    return TSSLSocket
