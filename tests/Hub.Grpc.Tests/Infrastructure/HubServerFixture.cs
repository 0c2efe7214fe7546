using Hub.Grpc.Client;

namespace Hub.Grpc.Tests.Infrastructure;

/// <summary>One hub server (and one channel to it) shared by the tests of a class.</summary>
public sealed class HubServerFixture : IAsyncLifetime
{
    private HubServer? _server;
    private GrpcChannel? _channel;

    public HubServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _server = await HubServer.StartAsync();
        _channel = GrpcChannel.ForAddress(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
