using Hub.Gateway.Tests.Probe;
using Hub.Grpc.Client;

namespace Hub.Gateway.Tests;

internal static class ProbeMethods
{
    public static readonly GrpcMethod<ProbeRequest, ProbeReply> Echo =
        new(ProbeReflection.Descriptor.Services[0].FindMethodByName("Echo"));

    public static readonly GrpcMethod<ProbeRequest, ProbeReply> Chat =
        new(ProbeReflection.Descriptor.Services[0].FindMethodByName("Chat"));
}
