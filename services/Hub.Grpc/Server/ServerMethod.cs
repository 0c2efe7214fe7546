using Google.Protobuf.Reflection;

namespace Hub.Grpc.Server;

/// <summary>A descriptor method bound to its handler: one route of the server.</summary>
internal abstract class ServerMethod
{
    protected ServerMethod(MethodDescriptor descriptor)
    {
        Descriptor = descriptor;
        Path = $"/{descriptor.Service.FullName}/{descriptor.Name}";
    }

    public MethodDescriptor Descriptor { get; }

    /// <summary>"/package.Service/Method", the HTTP/2 :path the protocol gives it.</summary>
    public string Path { get; }

    public abstract Task InvokeAsync(GrpcServerCall call);
}
