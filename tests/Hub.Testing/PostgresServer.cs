namespace Hub.Testing;

/// <summary>A throwaway PostgreSQL server in a folder of its own, for tests that stop and start it.</summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _port;

    private PostgresServer(string folder, string port, string connectionString)
    {
        _folder = folder;
        _port = port;
        ConnectionString = connectionString;
    }

    /// <summary>Superuser connection to the server's <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresServer> StartAsync(string folder)
    {
        var port = await LocalServersScript.RunAsync("free-port");
        var connectionString = await LocalServersScript.RunAsync("postgres", "start", folder, port, "--fast");
        return new PostgresServer(folder, port, connectionString);
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/>, on the same port and data.</summary>
    public Task RestartAsync() => LocalServersScript.RunAsync("postgres", "start", _folder, _port, "--fast");

    public Task StopAsync() => LocalServersScript.RunAsync("postgres", "stop", _folder);

    public async ValueTask DisposeAsync() => await LocalServersScript.RunAsync("postgres", "destroy", _folder);
}
