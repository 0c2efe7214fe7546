namespace Hub.Testing;

/// <summary>A throwaway RabbitMQ node in a folder of its own, for tests that stop and start it.</summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _port;

    private RabbitMqServer(string folder, string port, Uri uri)
    {
        _folder = folder;
        _port = port;
        Uri = uri;
    }

    /// <summary>The node's amqp:// URI.</summary>
    public Uri Uri { get; }

    public static async Task<RabbitMqServer> StartAsync(string folder)
    {
        var port = await LocalServersScript.RunAsync("free-port");
        var uri = await LocalServersScript.RunAsync("rabbitmq", "start", folder, port);
        return new RabbitMqServer(folder, port, new Uri(uri));
    }

    /// <summary>Starts the node again after <see cref="StopAsync"/>, on the same port and data.</summary>
    public Task RestartAsync() => LocalServersScript.RunAsync("rabbitmq", "start", _folder, _port);

    public Task StopAsync() => LocalServersScript.RunAsync("rabbitmq", "stop", _folder);

    public async ValueTask DisposeAsync() => await LocalServersScript.RunAsync("rabbitmq", "destroy", _folder);
}
