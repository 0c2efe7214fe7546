using System.Text.Json;
using Hub.Grpc.Tests.Infrastructure;

namespace Hub.Grpc.Tests.Interop;

/// <summary>
/// Runs a peer's whole client scenario list once against a hub server; each test then checks one
/// scenario. One peer process per class keeps interpreter start-up out of every test.
/// </summary>
public abstract class PeerClientResults : IAsyncLifetime
{
    private HubServer? _server;
    private JsonDocument? _results;

    public HubServer Server => _server!;

    public async Task InitializeAsync()
    {
        _server = await HubServer.StartAsync();
        var (fileName, arguments) = Command(_server.HostPort);
        var output = await PeerProcess.RunAsync(fileName, arguments, TimeSpan.FromSeconds(120));
        var json = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        _results = JsonDocument.Parse(json);
    }

    public JsonElement this[string scenario] =>
        _results!.RootElement.TryGetProperty(scenario, out var value)
            ? value
            : throw new InvalidOperationException($"The peer reported no result for '{scenario}': {_results.RootElement}");

    public async Task DisposeAsync()
    {
        _results?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected abstract (string FileName, IReadOnlyList<string> Arguments) Command(string address);
}

public sealed class PythonClientResults : PeerClientResults
{
    protected override (string FileName, IReadOnlyList<string> Arguments) Command(string address) =>
        (PeerProcess.Python, ["python_peer.py", "client", address, PeerProcess.ProtoDirectory]);
}

public sealed class NodeClientResults : PeerClientResults
{
    protected override (string FileName, IReadOnlyList<string> Arguments) Command(string address) =>
        ("node", ["node_peer.js", "client", address, PeerProcess.ProtoDirectory]);
}
