using Hub.Grpc.Client;
using Hub.Grpc.Tests.Infrastructure;

namespace Hub.Grpc.Tests.Interop;

/// <summary>A peer's Echo server in a child process, and a hub channel to it.</summary>
public abstract class PeerServerFixture : IAsyncLifetime
{
    private PeerProcess? _peer;

    public GrpcChannel Channel { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (fileName, arguments) = Command();
        var (peer, port) = await PeerProcess.StartServerAsync(fileName, arguments, TimeSpan.FromSeconds(60));
        _peer = peer;
        Address = new Uri($"http://127.0.0.1:{port}");
        Channel = GrpcChannel.ForAddress(Address);
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }

    protected abstract (string FileName, IReadOnlyList<string> Arguments) Command();
}

public sealed class PythonServerFixture : PeerServerFixture
{
    protected override (string FileName, IReadOnlyList<string> Arguments) Command() =>
        (PeerProcess.Python, ["python_peer.py", "server", PeerProcess.ProtoDirectory]);
}

public sealed class NodeServerFixture : PeerServerFixture
{
    protected override (string FileName, IReadOnlyList<string> Arguments) Command() =>
        ("node", ["node_peer.js", "server", PeerProcess.ProtoDirectory]);
}
