using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Hub.Grpc.Client;

/// <summary>A method to call, typed by its messages and checked against the protobuf descriptor.</summary>
public sealed class GrpcMethod<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>, new()
{
    public GrpcMethod(MethodDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"{descriptor.FullName} takes {descriptor.InputType.FullName} and returns {descriptor.OutputType.FullName}, " +
                $"not {typeof(TRequest).Name} and {typeof(TResponse).Name}.",
                nameof(descriptor));
        }

        Descriptor = descriptor;
        Path = $"/{descriptor.Service.FullName}/{descriptor.Name}";
        ResponseParser = new MessageParser<TResponse>(() => new TResponse());
    }

    public MethodDescriptor Descriptor { get; }

    public string Path { get; }

    internal MessageParser<TResponse> ResponseParser { get; }
}
