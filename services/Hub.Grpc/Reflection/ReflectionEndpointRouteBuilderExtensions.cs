using Google.Protobuf;
using Hub.Grpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Alpha = Hub.Grpc.Reflection.V1Alpha;
using V1 = Hub.Grpc.Reflection.V1;

namespace Hub.Grpc.Reflection;

public static class ReflectionEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps grpc.reflection.v1 and grpc.reflection.v1alpha. Tools still differ in which one they ask
    /// (grpcurl tries v1 then v1alpha; older ones know only v1alpha), so both are served.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcReflection(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var responder = new ReflectionResponder(endpoints.ServiceProvider.GetRequiredService<GrpcServiceRegistry>());

        endpoints.MapGrpcService(V1.ReflectionReflection.Descriptor.Services[0], service => service
            .DuplexStreaming<V1.ServerReflectionRequest, V1.ServerReflectionResponse>("ServerReflectionInfo", async (requests, responses, context) =>
            {
                await foreach (var request in requests)
                {
                    await responses.WriteAsync(responder.Answer(request));
                }
            }));

        // The two versions are the same messages under different package names, so v1alpha is
        // answered by re-reading its bytes as v1 rather than by a second implementation.
        return endpoints.MapGrpcService(Alpha.ReflectionReflection.Descriptor.Services[0], service => service
            .DuplexStreaming<Alpha.ServerReflectionRequest, Alpha.ServerReflectionResponse>("ServerReflectionInfo", async (requests, responses, context) =>
            {
                await foreach (var request in requests)
                {
                    var answer = responder.Answer(V1.ServerReflectionRequest.Parser.ParseFrom(request.ToByteString()));
                    await responses.WriteAsync(Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()));
                }
            }));
    }
}
