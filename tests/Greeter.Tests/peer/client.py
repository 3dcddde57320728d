"""Apache Thrift's Python library (Debian's python3-thrift) calling the Steward Greeter.

usage: client.py GEN_DIR PORT binary|compact  -> prints the reply as JSON
"""
import json
import sys

sys.path.insert(0, sys.argv[1])

from thrift.protocol import TBinaryProtocol, TCompactProtocol  # noqa: E402
from thrift.transport import TSocket, TTransport  # noqa: E402

from greeter import Greeter  # noqa: E402
from greeter.ttypes import HelloRequest  # noqa: E402

socket = TSocket.TSocket("127.0.0.1", int(sys.argv[2]))
socket.setTimeout(120_000)  # ms: a server that never answers fails the test instead of hanging it
transport = TTransport.TFramedTransport(socket)
if sys.argv[3] == "binary":
    protocol = TBinaryProtocol.TBinaryProtocol(transport)
else:
    protocol = TCompactProtocol.TCompactProtocol(transport)
transport.open()
try:
    reply = Greeter.Client(protocol).SayHello(HelloRequest(name="Ada", count=0, labels={"b": "2", "a": "1"}))
finally:
    transport.close()
print(json.dumps({"message": reply.message, "language": reply.language, "tags": reply.tags}))
