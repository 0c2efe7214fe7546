using Google.Protobuf;

namespace Hub.Grpc.Client;

internal static class UnaryResponse
{
    /// <summary>Exactly one message followed by an OK status, as unary and client-streaming calls require.</summary>
    public static async Task<TResponse> ReadAsync<TRequest, TResponse>(ClientCall<TRequest, TResponse> call)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new()
    {
        var message = await call.ReadNextAsync()
            ?? throw call.Fail(new GrpcCallException(GrpcStatusCode.Internal, "The server ended the call without a response message."));
        if (await call.ReadNextAsync() is not null)
        {
            throw call.Fail(new GrpcCallException(GrpcStatusCode.Internal, "The server sent more than one response message to a unary call."));
        }

        return message;
    }
}
