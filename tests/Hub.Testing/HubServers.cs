namespace Hub.Testing;

/// <summary>The PostgreSQL server and RabbitMQ broker a test run uses.</summary>
/// <param name="PostgresConnectionString">A role that may create and drop databases.</param>
/// <param name="RabbitMqUri">The broker's amqp:// URI.</param>
public sealed record HubServers(string PostgresConnectionString, Uri RabbitMqUri);
