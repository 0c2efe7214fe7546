namespace Hub.Grpc.Client;

/// <summary>A unary response with the metadata that came with it.</summary>
public sealed record GrpcResponse<TResponse>(TResponse Message, GrpcMetadata Headers, GrpcMetadata Trailers);
