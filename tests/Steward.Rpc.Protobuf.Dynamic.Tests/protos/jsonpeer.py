# The reference proto3 JSON mapping (python3-protobuf's json_format) as a peer for the tests:
#   jsonpeer.py OUTDIR tojson TYPE   < binary  > json
#   jsonpeer.py OUTDIR fromjson TYPE < json    > binary
import sys
sys.path.insert(0, sys.argv[1])
from google.protobuf import json_format, symbol_database
import rich_pb2  # noqa: F401  (registers the types)

mode, type_name = sys.argv[2], sys.argv[3]
cls = symbol_database.Default().GetSymbol(type_name)
if mode == "tojson":
    message = cls()
    message.ParseFromString(sys.stdin.buffer.read())
    sys.stdout.write(json_format.MessageToJson(message))
else:
    message = json_format.Parse(sys.stdin.read(), cls())
    sys.stdout.buffer.write(message.SerializeToString())
