namespace Hub.Testing;

/// <summary>
/// A throwaway PostgreSQL server or RabbitMQ node in a folder of its own, for a test that must
/// stop and start it (the shared servers of <see cref="TestServers"/> must never be stopped).
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly string[] _start;
    private readonly string _kind;
    private readonly string _folder;

    private LocalServer(string kind, string folder, string[] start, string address)
    {
        _kind = kind;
        _folder = folder;
        _start = start;
        Address = address;
    }

    /// <summary>A superuser connection string for PostgreSQL; the amqp:// URI for RabbitMQ.</summary>
    public string Address { get; }

    public static Task<LocalServer> StartPostgresAsync() => StartAsync("postgres", "--fast");

    public static Task<LocalServer> StartRabbitMqAsync() => StartAsync("rabbitmq");

    /// <summary>Starts the server again after <see cref="StopAsync"/>, on the same port and data.</summary>
    public Task RestartAsync() => LocalServersScript.RunAsync(_start);

    public Task StopAsync() => LocalServersScript.RunAsync(_kind, "stop", _folder);

    public async ValueTask DisposeAsync() => await LocalServersScript.RunAsync(_kind, "destroy", _folder);

    private static async Task<LocalServer> StartAsync(string kind, params string[] options)
    {
        var folder = TestFolders.NewPrivate(kind);
        var port = await LocalServersScript.RunAsync("free-port");
        string[] start = [kind, "start", folder, port, .. options];
        var address = await LocalServersScript.RunAsync(start);
        return new LocalServer(kind, folder, start, address);
    }
}
