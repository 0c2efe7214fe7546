using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Hub.Bench.Ingest;

/// <summary>
/// Counts the dossiers that reach the broker: a queue of its own bound to the exchange MassTransit
/// publishes DossiersChanged to, each message's dossier array counted with a forward-only JSON
/// reader. A MassTransit consumer would deserialize every dossier, which on this shared machine
/// took CPU away from the service being measured.
/// </summary>
public sealed class DossierCounter : IAsyncDisposable
{
    // MassTransit names a message type's exchange after its .NET type and declares it like this.
    private const string Exchange = "Hub.Contracts.Sync:DossiersChanged";

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private long _count;

    private DossierCounter(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public long Count => Interlocked.Read(ref _count);

    public static async Task<DossierCounter> StartAsync(Uri broker)
    {
        var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var counter = new DossierCounter(connection, channel);
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, Exchange, "");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            Interlocked.Add(ref counter._count, CountDossiers(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return counter;
    }

    /// <summary>The entries of the "dossiers" array inside the envelope's "message".</summary>
    public static int CountDossiers(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2 && reader.ValueTextEquals("dossiers"u8))
            {
                reader.Read();
                var depth = reader.CurrentDepth;
                var count = 0;
                while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
                {
                    if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == depth + 1)
                    {
                        count++;
                    }
                }
                return count;
            }
        }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
    }
}
