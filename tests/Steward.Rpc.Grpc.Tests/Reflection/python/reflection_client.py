"""A grpcio reflection client for the Steward server under test.

Debian ships no grpcio-reflection module, so the client stub is generated here from Steward's copy of
reflection.proto (protoc + grpc_python_plugin) and the answers are loaded into a fresh python-protobuf
DescriptorPool, which (cpp implementation) validates every FileDescriptorProto and its imports.
Prints one JSON object describing what came back.

usage: reflection_client.py PORT REFLECTION_PROTO_ROOT WORKDIR
"""
import json
import os
import shutil
import subprocess
import sys


def main():
    port, proto_root, work = sys.argv[1], sys.argv[2], sys.argv[3]
    # The proto's own path would make a python package named "grpc", shadowing grpcio itself.
    shutil.copy(os.path.join(proto_root, "grpc/reflection/v1/reflection.proto"), os.path.join(work, "steward_reflection_v1.proto"))
    subprocess.check_call([
        "protoc", "-I", work, "--python_out=" + work, "--grpc_python_out=" + work,
        "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin", "steward_reflection_v1.proto"])
    sys.path.insert(0, work)
    import grpc
    from google.protobuf import descriptor_pb2, descriptor_pool
    import steward_reflection_v1_pb2 as pb
    import steward_reflection_v1_pb2_grpc as pb_grpc

    catalog = "steward.reflection.test.ShapeCatalog"
    requests = [
        pb.ServerReflectionRequest(list_services=""),
        pb.ServerReflectionRequest(file_containing_symbol=catalog),
        pb.ServerReflectionRequest(file_containing_symbol="no.such.Symbol"),
        pb.ServerReflectionRequest(file_by_filename="steward/reflection/test/shapes.proto"),
    ]
    with grpc.insecure_channel("localhost:" + port) as channel:
        stub = pb_grpc.ServerReflectionStub(channel)
        # One stream, four questions: the answers come back in order.
        answers = list(stub.ServerReflectionInfo(iter(requests), timeout=30))

    files = {}
    for raw in answers[1].file_descriptor_response.file_descriptor_proto:
        proto = descriptor_pb2.FileDescriptorProto.FromString(raw)
        files[proto.name] = proto
    pool = descriptor_pool.DescriptorPool()
    added = set()

    def add(name):
        if name in added:
            return
        for dependency in files[name].dependency:
            add(dependency)
        pool.Add(files[name])
        added.add(name)

    for name in files:
        add(name)
    service = pool.FindServiceByName(catalog)
    request = pool.FindMessageTypeByName("steward.reflection.test.GetShapeRequest")
    print(json.dumps({
        "services": sorted(s.name for s in answers[0].list_services_response.service),
        "first_file": descriptor_pb2.FileDescriptorProto.FromString(answers[1].file_descriptor_response.file_descriptor_proto[0]).name,
        "files": sorted(files),
        "methods": [[m.name, m.input_type.full_name, m.output_type.full_name, m.client_streaming, m.server_streaming] for m in service.methods],
        "oneofs": [o.name for o in request.oneofs],
        "missing_error": [answers[2].error_response.error_code, answers[2].error_response.error_message],
        "by_name": [descriptor_pb2.FileDescriptorProto.FromString(b).name for b in answers[3].file_descriptor_response.file_descriptor_proto],
    }))


if __name__ == "__main__":
    main()
