using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Hub.Grpc.Server;

/// <summary>
/// Binds the methods of one protobuf service to handlers. Names and message types come from the
/// descriptor protoc generated, and every mismatch is reported when the app maps the service, not
/// when the first client calls.
/// </summary>
public sealed class GrpcServiceBuilder
{
    private readonly Dictionary<string, ServerMethod> _methods = new(StringComparer.Ordinal);

    internal GrpcServiceBuilder(ServiceDescriptor service) => Service = service;

    public ServiceDescriptor Service { get; }

    public GrpcServiceBuilder Unary<TRequest, TResponse>(string method, Func<TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var descriptor = Resolve<TRequest, TResponse>(method, clientStreaming: false, serverStreaming: false);
        return Add(new UnaryServerMethod<TRequest, TResponse>(descriptor, new MessageParser<TRequest>(() => new TRequest()), handler));
    }

    public GrpcServiceBuilder ClientStreaming<TRequest, TResponse>(string method, Func<IAsyncEnumerable<TRequest>, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var descriptor = Resolve<TRequest, TResponse>(method, clientStreaming: true, serverStreaming: false);
        return Add(new ClientStreamingServerMethod<TRequest, TResponse>(descriptor, new MessageParser<TRequest>(() => new TRequest()), handler));
    }

    public GrpcServiceBuilder ServerStreaming<TRequest, TResponse>(string method, Func<TRequest, IGrpcStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var descriptor = Resolve<TRequest, TResponse>(method, clientStreaming: false, serverStreaming: true);
        return Add(new ServerStreamingServerMethod<TRequest, TResponse>(descriptor, new MessageParser<TRequest>(() => new TRequest()), handler));
    }

    public GrpcServiceBuilder DuplexStreaming<TRequest, TResponse>(string method, Func<IAsyncEnumerable<TRequest>, IGrpcStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var descriptor = Resolve<TRequest, TResponse>(method, clientStreaming: true, serverStreaming: true);
        return Add(new DuplexStreamingServerMethod<TRequest, TResponse>(descriptor, new MessageParser<TRequest>(() => new TRequest()), handler));
    }

    /// <summary>All bound methods; throws when the descriptor has a method nobody bound.</summary>
    internal IReadOnlyList<ServerMethod> Build()
    {
        var unbound = Service.Methods.Where(m => !_methods.ContainsKey(m.Name)).Select(m => m.Name).ToList();
        if (unbound.Count > 0)
        {
            throw new InvalidOperationException(
                $"gRPC service {Service.FullName} has unbound methods: {string.Join(", ", unbound)}. Bind every method of the descriptor.");
        }

        return [.. _methods.Values];
    }

    private MethodDescriptor Resolve<TRequest, TResponse>(string name, bool clientStreaming, bool serverStreaming)
    {
        var method = Service.FindMethodByName(name)
            ?? throw new InvalidOperationException($"gRPC service {Service.FullName} has no method '{name}'.");

        if (method.IsClientStreaming != clientStreaming || method.IsServerStreaming != serverStreaming)
        {
            throw new InvalidOperationException(
                $"{Service.FullName}/{name} is {Describe(method.IsClientStreaming, method.IsServerStreaming)} but was bound as {Describe(clientStreaming, serverStreaming)}.");
        }

        if (method.InputType.ClrType != typeof(TRequest) || method.OutputType.ClrType != typeof(TResponse))
        {
            throw new InvalidOperationException(
                $"{Service.FullName}/{name} takes {method.InputType.FullName} and returns {method.OutputType.FullName}, " +
                $"but was bound with {typeof(TRequest).Name} and {typeof(TResponse).Name}.");
        }

        if (_methods.ContainsKey(name))
        {
            throw new InvalidOperationException($"{Service.FullName}/{name} is bound twice.");
        }

        return method;
    }

    private GrpcServiceBuilder Add(ServerMethod method)
    {
        _methods.Add(method.Descriptor.Name, method);
        return this;
    }

    private static string Describe(bool clientStreaming, bool serverStreaming) => (clientStreaming, serverStreaming) switch
    {
        (false, false) => "unary",
        (true, false) => "client streaming",
        (false, true) => "server streaming",
        _ => "bidirectional streaming",
    };
}
