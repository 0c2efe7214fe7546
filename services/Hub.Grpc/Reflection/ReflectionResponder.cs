using Hub.Grpc.Reflection.V1;
using Hub.Grpc.Server;

namespace Hub.Grpc.Reflection;

/// <summary>Answers one reflection request from the services mapped at the time of the call.</summary>
internal sealed class ReflectionResponder
{
    private readonly GrpcServiceRegistry _registry;
    private Snapshot? _index;

    public ReflectionResponder(GrpcServiceRegistry registry) => _registry = registry;

    public ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var services = _registry.Services;

        // Services are mapped at start-up, so the index is normally built once; the snapshot is
        // replaced whole, so concurrent streams never see half of one.
        var snapshot = _index;
        if (snapshot is null || snapshot.ServiceCount != services.Count)
        {
            snapshot = new Snapshot(services.Count, new DescriptorIndex(services));
            _index = snapshot;
        }

        var index = snapshot.Index;

        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                list.Service.AddRange(services.Select(s => new ServiceResponse { Name = s.FullName }));
                response.ListServicesResponse = list;
                break;

            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, index.FindFile(request.FileByFilename), $"File not found: {request.FileByFilename}");
                break;

            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, index.FindFileContainingSymbol(request.FileContainingSymbol), $"Symbol not found: {request.FileContainingSymbol}");
                break;

            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                // proto3 services declare no extensions; known types honestly have none.
                if (index.HasMessage(request.AllExtensionNumbersOfType))
                {
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                }
                else
                {
                    SetError(response, GrpcStatusCode.NotFound, $"Type not found: {request.AllExtensionNumbersOfType}");
                }

                break;

            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                SetError(response, GrpcStatusCode.NotFound, $"Extension not found: {request.FileContainingExtension.ContainingType}({request.FileContainingExtension.ExtensionNumber})");
                break;

            default:
                SetError(response, GrpcStatusCode.Unimplemented, "Unsupported reflection request.");
                break;
        }

        return response;
    }

    private static void SetFile(ServerReflectionResponse response, Google.Protobuf.Reflection.FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            SetError(response, GrpcStatusCode.NotFound, notFound);
            return;
        }

        var files = new FileDescriptorResponse();
        files.FileDescriptorProto.AddRange(DescriptorIndex.WithDependencies(file).Select(f => f.SerializedData));
        response.FileDescriptorResponse = files;
    }

    private static void SetError(ServerReflectionResponse response, GrpcStatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };

    private sealed record Snapshot(int ServiceCount, DescriptorIndex Index);
}
