using Hub.Grpc.Client;
using Hub.Grpc.Tests.Echo;

namespace Hub.Grpc.Tests.Infrastructure;

internal static class EchoMethods
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = EchoReflection.Descriptor.Services[0];

    public static readonly GrpcMethod<EchoRequest, EchoReply> Say = new(Service.FindMethodByName("Say"));
    public static readonly GrpcMethod<EchoRequest, EchoReply> Collect = new(Service.FindMethodByName("Collect"));
    public static readonly GrpcMethod<EchoRequest, EchoReply> Expand = new(Service.FindMethodByName("Expand"));
    public static readonly GrpcMethod<EchoRequest, EchoReply> Chat = new(Service.FindMethodByName("Chat"));
}
