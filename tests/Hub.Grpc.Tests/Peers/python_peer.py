"""Debian's python3-grpcio (C-core) as a peer of the hub's transport.

  python_peer.py client ADDRESS PROTO_DIR      run every client scenario against ADDRESS, print one JSON object
  python_peer.py server PROTO_DIR              serve Echo on a free port, print "PORT n", stop when stdin closes
  python_peer.py reflect ADDRESS PROTOS_ROOT   list services and call Echo/Say using only server reflection
  python_peer.py tls ADDRESS PROTO_DIR CA_PEM   call Echo/Say over TLS, trusting CA_PEM
"""
import atexit
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from concurrent import futures

import grpc
from grpc_tools import protoc
from google.protobuf import any_pb2, descriptor_pb2, descriptor_pool, message_factory

FAIL_MESSAGE = "Hồ sơ bị từ chối: 100% invalid"
MIB = 1024 * 1024


def generate(proto_dir, proto_file):
    out = tempfile.mkdtemp(prefix="hub-grpc-peer-")
    atexit.register(shutil.rmtree, out, True)
    rc = protoc.main(["protoc", "-I" + proto_dir, "--python_out=" + out, "--grpc_python_out=" + out, proto_file])
    if rc != 0:
        raise SystemExit("protoc failed for " + proto_file)
    sys.path.insert(0, out)


def message_class(pool, name):
    descriptor = pool.FindMessageTypeByName(name)
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def rich_status_classes():
    """google.rpc.Status and google.rpc.BadRequest as a standard client knows them, built from their published field lists."""
    F = descriptor_pb2.FieldDescriptorProto
    fdp = descriptor_pb2.FileDescriptorProto(name="peer/google_rpc.proto", package="google.rpc", syntax="proto3",
                                             dependency=["google/protobuf/any.proto"])
    status = fdp.message_type.add(name="Status")
    status.field.add(name="code", number=1, type=F.TYPE_INT32, label=F.LABEL_OPTIONAL)
    status.field.add(name="message", number=2, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    status.field.add(name="details", number=3, type=F.TYPE_MESSAGE, label=F.LABEL_REPEATED, type_name=".google.protobuf.Any")
    bad = fdp.message_type.add(name="BadRequest")
    violation = bad.nested_type.add(name="FieldViolation")
    violation.field.add(name="field", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    violation.field.add(name="description", number=2, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
    bad.field.add(name="field_violations", number=1, type=F.TYPE_MESSAGE, label=F.LABEL_REPEATED,
                  type_name=".google.rpc.BadRequest.FieldViolation")
    pool = descriptor_pool.DescriptorPool()
    any_file = descriptor_pb2.FileDescriptorProto()
    any_pb2.DESCRIPTOR.CopyToProto(any_file)
    pool.Add(any_file)
    pool.Add(fdp)
    return message_class(pool, "google.rpc.Status"), message_class(pool, "google.rpc.BadRequest")


def metadata_value(metadata, key):
    for k, v in metadata or ():
        if k == key:
            return v
    return None


def hexed(value):
    return value.hex() if isinstance(value, bytes) else value


def run_client(address, proto_dir):
    generate(proto_dir, "echo.proto")
    import echo_pb2 as pb
    import echo_pb2_grpc as rpc

    results = {}

    def attempt(name, action):
        try:
            results[name] = action()
        except grpc.RpcError as e:
            results[name] = {"code": e.code().name, "message": e.details()}
        except Exception as e:  # reported, so the test shows what went wrong
            results[name] = {"exception": repr(e)}

    channel = grpc.insecure_channel(address)
    stub = rpc.EchoStub(channel)
    R = pb.EchoRequest

    attempt("unary", lambda: stub.Say(R(text="xin chào"), timeout=10).text)
    attempt("client_streaming", lambda: stub.Collect(iter([R(text=t) for t in "abc"]), timeout=10).text)
    attempt("server_streaming", lambda: [r.index for r in stub.Expand(R(text="x", count=5), timeout=10)])
    attempt("duplex", lambda: [r.text for r in stub.Chat(iter([R(text=t) for t in ["one", "two", "three"]]), timeout=10)])

    attempt("deadline", lambda: stub.Say(R(text="deadline-py", mode="wait"), timeout=0.2).text)
    attempt("deadline_observed", lambda: stub.Say(R(text="deadline-py", mode="was_cancelled"), timeout=15).text)

    def metadata():
        _, call = stub.Say.with_call(R(mode="metadata"), timeout=10, metadata=[
            ("x-dossier-id", "H01-240101-0001"), ("x-signature-bin", b"\x00\xff\x10\x80")])
        initial, trailing = call.initial_metadata(), call.trailing_metadata()
        return {"header": metadata_value(initial, "x-dossier-id"), "header_bin": hexed(metadata_value(initial, "x-signature-bin")),
                "trailer": metadata_value(trailing, "x-dossier-id"), "trailer_bin": hexed(metadata_value(trailing, "x-signature-bin"))}
    attempt("metadata", metadata)

    def error():
        try:
            stub.Say(R(mode="fail"), timeout=10)
            return "OK"
        except grpc.RpcError as e:
            status_class, bad_request_class = rich_status_classes()
            status = status_class.FromString(metadata_value(e.trailing_metadata(), "grpc-status-details-bin") or b"")
            violations = []
            for detail in status.details:
                if detail.type_url == "type.googleapis.com/google.rpc.BadRequest":
                    bad = bad_request_class.FromString(detail.value)
                    violations += [{"field": v.field, "description": v.description} for v in bad.field_violations]
            return {"code": e.code().name, "message": e.details(), "details_code": status.code, "violations": violations}
    attempt("error", error)
    attempt("crash", lambda: stub.Say(R(mode="crash"), timeout=10).text)

    def gzip():
        with grpc.insecure_channel(address, compression=grpc.Compression.Gzip) as gz:
            gz_stub = rpc.EchoStub(gz)
            seen = gz_stub.Say(R(mode="encoding"), timeout=10).text
            echoed = gz_stub.Say(R(text="z", payload=b"\x00" * 65536), timeout=10)
            return {"seen_encoding": seen, "echoed_bytes": len(echoed.payload)}
    attempt("gzip", gzip)

    big_options = [("grpc.max_send_message_length", 16 * MIB), ("grpc.max_receive_message_length", 16 * MIB)]
    with grpc.insecure_channel(address, options=big_options) as big:
        big_stub = rpc.EchoStub(big)
        attempt("large_near_limit", lambda: len(big_stub.Say(R(payload=b"\x01" * (4 * MIB - 64)), timeout=30).payload))
        attempt("large_reply_near_limit", lambda: len(big_stub.Say(R(reply_size=4 * MIB - 64), timeout=30).payload))
        attempt("large_over_limit", lambda: len(big_stub.Say(R(payload=b"\x01" * (4 * MIB + 1)), timeout=30).payload))

    def cancel():
        call = stub.Expand(R(text="cancel-py", count=1, mode="wait"), timeout=30)
        next(call)
        call.cancel()
        return stub.Say(R(text="cancel-py", mode="was_cancelled"), timeout=15).text
    attempt("cancel_observed", cancel)

    attempt("unimplemented", lambda: channel.unary_unary("/hub.grpc.test.v1.Unmapped/Say")(b"", timeout=10).hex())
    # grpc.health.v1.HealthCheckRequest{service=""} is empty; the answer {status=SERVING} is 08 01.
    attempt("health", lambda: channel.unary_unary("/grpc.health.v1.Health/Check")(b"", timeout=10).hex())

    print(json.dumps(results), flush=True)


class EchoServicer:
    def __init__(self, pb):
        self.pb = pb
        self.cancelled = set()
        self.lock = threading.Condition()

    def wait_for_cancellation(self, text, context):
        done = threading.Event()
        context.add_callback(done.set)
        done.wait(60)
        with self.lock:
            self.cancelled.add(text)
            self.lock.notify_all()

    def Say(self, request, context):
        pb = self.pb
        if request.mode == "fail":
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, FAIL_MESSAGE)
        if request.mode == "wait":
            self.wait_for_cancellation(request.text, context)
            return pb.EchoReply()
        if request.mode == "metadata":
            echoed = [(k, v) for k, v in context.invocation_metadata() if k.startswith("x-")]
            auth = metadata_value(context.invocation_metadata(), "authorization")
            context.send_initial_metadata(echoed + ([("x-authorization", auth)] if auth else []))
            context.set_trailing_metadata(echoed)
        if request.mode == "was_cancelled":
            with self.lock:
                seen = self.lock.wait_for(lambda: request.text in self.cancelled, timeout=10)
            return pb.EchoReply(text="yes" if seen else "no")
        payload = b"\x00" * request.reply_size if request.reply_size > 0 else request.payload
        return pb.EchoReply(text=request.text, payload=payload)

    def Collect(self, requests, context):
        texts = [r.text for r in requests]
        return self.pb.EchoReply(text=",".join(texts), index=len(texts))

    def Expand(self, request, context):
        for i in range(request.count):
            yield self.pb.EchoReply(text=request.text, index=i, payload=b"\x00" * request.reply_size)
        if request.mode == "wait":
            self.wait_for_cancellation(request.text, context)

    def Chat(self, requests, context):
        for i, r in enumerate(requests):
            yield self.pb.EchoReply(text=r.text, index=i)


def run_server(proto_dir):
    generate(proto_dir, "echo.proto")
    import echo_pb2 as pb
    import echo_pb2_grpc as rpc

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=32), compression=grpc.Compression.Gzip)
    rpc.add_EchoServicer_to_server(EchoServicer(pb), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print("PORT %d" % port, flush=True)
    sys.stdin.read()
    server.stop(0)


def run_reflect(address, protos_root):
    # Copied under another name: generated at its own path, the module would hide inside the installed "grpc" package.
    staging = tempfile.mkdtemp(prefix="hub-grpc-reflection-")
    atexit.register(shutil.rmtree, staging, True)
    with open(os.path.join(protos_root, "grpc/reflection/v1/reflection.proto"), encoding="utf-8") as source, \
            open(os.path.join(staging, "peer_reflection_v1.proto"), "w", encoding="utf-8") as target:
        target.write(source.read())
    generate(staging, "peer_reflection_v1.proto")
    import peer_reflection_v1_pb2 as refl
    import peer_reflection_v1_pb2_grpc as refl_rpc

    with grpc.insecure_channel(address) as channel:
        stub = refl_rpc.ServerReflectionStub(channel)
        requests = [refl.ServerReflectionRequest(list_services=""),
                    refl.ServerReflectionRequest(file_containing_symbol="hub.grpc.test.v1.Echo")]
        responses = list(stub.ServerReflectionInfo(iter(requests), timeout=10))
        services = sorted(s.name for s in responses[0].list_services_response.service)

        pool = descriptor_pool.DescriptorPool()
        files = [descriptor_pb2.FileDescriptorProto.FromString(raw)
                 for raw in responses[1].file_descriptor_response.file_descriptor_proto]
        pending = {f.name: f for f in files}
        while pending:  # add each file after its imports
            for name, f in list(pending.items()):
                if all(d not in pending for d in f.dependency):
                    pool.Add(f)
                    del pending[name]

        method = pool.FindServiceByName("hub.grpc.test.v1.Echo").FindMethodByName("Say")
        request_class = message_class(pool, method.input_type.full_name)
        reply_class = message_class(pool, method.output_type.full_name)
        call = channel.unary_unary("/hub.grpc.test.v1.Echo/Say", request_serializer=lambda m: m.SerializeToString(),
                                   response_deserializer=reply_class.FromString)
        reply = call(request_class(text="via reflection"), timeout=10)
        print(json.dumps({"services": services, "files": sorted(f.name for f in files), "reply": reply.text}), flush=True)


def run_tls(address, proto_dir, ca_file):
    generate(proto_dir, "echo.proto")
    import echo_pb2 as pb
    import echo_pb2_grpc as rpc

    with open(ca_file, "rb") as f:
        credentials = grpc.ssl_channel_credentials(root_certificates=f.read())
    with grpc.secure_channel(address, credentials, options=[("grpc.ssl_target_name_override", "localhost")]) as channel:
        print(rpc.EchoStub(channel).Say(pb.EchoRequest(text="qua TLS"), timeout=10).text, flush=True)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "client":
        run_client(sys.argv[2], sys.argv[3])
    elif mode == "server":
        run_server(sys.argv[2])
    elif mode == "tls":
        run_tls(sys.argv[2], sys.argv[3], sys.argv[4])
    elif mode == "reflect":
        run_reflect(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit("unknown mode " + mode)
