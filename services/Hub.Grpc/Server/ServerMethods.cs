using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Hub.Grpc.Server;

internal sealed class UnaryServerMethod<TRequest, TResponse>(
    MethodDescriptor descriptor,
    MessageParser<TRequest> parser,
    Func<TRequest, ServerCallContext, Task<TResponse>> handler) : ServerMethod(descriptor)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override async Task InvokeAsync(GrpcServerCall call)
    {
        var request = await call.ReadSingleAsync(parser);
        var response = await handler(request, call.Context);
        await call.WriteMessageAsync(response, flush: false, call.Context.CancellationToken);
    }
}

internal sealed class ClientStreamingServerMethod<TRequest, TResponse>(
    MethodDescriptor descriptor,
    MessageParser<TRequest> parser,
    Func<IAsyncEnumerable<TRequest>, ServerCallContext, Task<TResponse>> handler) : ServerMethod(descriptor)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override async Task InvokeAsync(GrpcServerCall call)
    {
        var response = await handler(call.ReadStreamAsync(parser), call.Context);
        await call.WriteMessageAsync(response, flush: false, call.Context.CancellationToken);
    }
}

internal sealed class ServerStreamingServerMethod<TRequest, TResponse>(
    MethodDescriptor descriptor,
    MessageParser<TRequest> parser,
    Func<TRequest, IGrpcStreamWriter<TResponse>, ServerCallContext, Task> handler) : ServerMethod(descriptor)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override async Task InvokeAsync(GrpcServerCall call)
    {
        var request = await call.ReadSingleAsync(parser);
        await handler(request, new ServerStreamWriter<TResponse>(call), call.Context);
    }
}

internal sealed class DuplexStreamingServerMethod<TRequest, TResponse>(
    MethodDescriptor descriptor,
    MessageParser<TRequest> parser,
    Func<IAsyncEnumerable<TRequest>, IGrpcStreamWriter<TResponse>, ServerCallContext, Task> handler) : ServerMethod(descriptor)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override Task InvokeAsync(GrpcServerCall call) =>
        handler(call.ReadStreamAsync(parser), new ServerStreamWriter<TResponse>(call), call.Context);
}
