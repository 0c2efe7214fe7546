using System.Net.Sockets;
using Hub.Grpc;
using Npgsql;

namespace Hub.Sync.Pipeline;

/// <summary>
/// Database failures that mean "try again later" become UNAVAILABLE, which clients retry. Nothing
/// was acknowledged: the transaction either committed before the reply or not at all.
/// </summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient,
        NpgsqlException => true,
        SocketException or TimeoutException => true,
        InvalidOperationException { InnerException: NpgsqlException } => true,
        _ => false,
    };

    public static GrpcCallException Unavailable() =>
        new(GrpcStatusCode.Unavailable, "The database is unavailable; nothing from this call was stored. Retry later.");
}
