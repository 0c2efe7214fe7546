using Google.Protobuf.Reflection;
using Hub.Grpc.Client;
using Hub.Grpc.Reflection.V1;
using Hub.Grpc.Tests.Infrastructure;
using Alpha = Hub.Grpc.Reflection.V1Alpha;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Hub.Grpc.Tests.Server;

public sealed class ReflectionServiceTests(HubServerFixture fixture) : IClassFixture<HubServerFixture>
{
    private static readonly GrpcMethod<ServerReflectionRequest, ServerReflectionResponse> V1Info =
        new(ReflectionReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ServerReflection").FindMethodByName("ServerReflectionInfo"));

    private static readonly GrpcMethod<Alpha.ServerReflectionRequest, Alpha.ServerReflectionResponse> AlphaInfo =
        new(Alpha.ReflectionReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ServerReflection").FindMethodByName("ServerReflectionInfo"));

    [Fact]
    public async Task File_by_name_returns_the_file()
    {
        var response = await AskAsync(new ServerReflectionRequest { FileByFilename = "grpc/health/v1/health.proto" });

        var file = FileDescriptorProto.Parser.ParseFrom(Assert.Single(response.FileDescriptorResponse.FileDescriptorProto));
        Assert.Equal("grpc.health.v1", file.Package);
    }

    [Fact]
    public async Task File_no_mapped_service_uses_is_NOT_FOUND()
    {
        var response = await AskAsync(new ServerReflectionRequest { FileByFilename = "hub/rpc/v1/status.proto" });

        Assert.Equal((int)GrpcStatusCode.NotFound, response.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task Symbol_lookup_finds_methods_and_messages_and_reports_unknown_ones()
    {
        var method = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = "hub.grpc.test.v1.Echo.Say" });
        var message = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.HealthCheckResponse.ServingStatus" });
        var unknown = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = "no.such.Thing" });

        Assert.Single(method.FileDescriptorResponse.FileDescriptorProto);
        Assert.Equal("grpc/health/v1/health.proto", FileDescriptorProto.Parser.ParseFrom(message.FileDescriptorResponse.FileDescriptorProto[0]).Name);
        Assert.Equal((int)GrpcStatusCode.NotFound, unknown.ErrorResponse.ErrorCode);
    }

    [Fact]
    public async Task Extension_numbers_of_a_known_type_are_an_empty_list()
    {
        var response = await AskAsync(new ServerReflectionRequest { AllExtensionNumbersOfType = "hub.grpc.test.v1.EchoRequest" });

        Assert.Equal("hub.grpc.test.v1.EchoRequest", response.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(response.AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Fact]
    public async Task V1alpha_answers_like_v1()
    {
        using var call = fixture.Channel.DuplexStreaming(AlphaInfo, CallOptions.WithTimeout(TimeSpan.FromSeconds(30)));
        await call.RequestStream.WriteAsync(new Alpha.ServerReflectionRequest { ListServices = "*" });
        await call.RequestStream.CompleteAsync();

        var responses = new List<Alpha.ServerReflectionResponse>();
        await foreach (var response in call.ReadAllAsync())
        {
            responses.Add(response);
        }

        var services = Assert.Single(responses).ListServicesResponse.Service.Select(s => s.Name);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services);
        Assert.Contains("hub.grpc.test.v1.Echo", services);
    }

    private async Task<ServerReflectionResponse> AskAsync(ServerReflectionRequest request)
    {
        using var call = fixture.Channel.DuplexStreaming(V1Info, CallOptions.WithTimeout(TimeSpan.FromSeconds(30)));
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();

        ServerReflectionResponse? answer = null;
        await foreach (var response in call.ReadAllAsync())
        {
            answer = response;
        }

        return answer ?? throw new InvalidOperationException("No reflection response.");
    }
}
