using System.Text.Json;
using Hub.Grpc.Tests.Infrastructure;

namespace Hub.Grpc.Tests.Interop;

/// <summary>Standard reflection clients list the hub's services and call them with no .proto file of their own.</summary>
public sealed class ReflectionToolTests(HubServerFixture fixture) : IClassFixture<HubServerFixture>
{
    private static readonly string[] Expected =
        ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "hub.grpc.test.v1.Echo"];

    [Fact]
    public async Task Python_reflection_client_lists_services_and_calls_Echo_from_fetched_descriptors()
    {
        var output = await PeerProcess.RunAsync(PeerProcess.Python, ["python_peer.py", "reflect", fixture.Server.HostPort, PeerProcess.ProtosRoot], TimeSpan.FromSeconds(60));
        using var result = JsonDocument.Parse(LastLine(output));

        Assert.Equal(Expected, result.RootElement.GetProperty("services").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("echo.proto", result.RootElement.GetProperty("files").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("via reflection", result.RootElement.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task Node_reflection_client_lists_services_over_v1_and_v1alpha()
    {
        var output = await PeerProcess.RunAsync("node", ["node_peer.js", "reflect", fixture.Server.HostPort, PeerProcess.ProtosRoot], TimeSpan.FromSeconds(60));
        using var result = JsonDocument.Parse(LastLine(output));

        foreach (var version in new[] { "v1", "v1alpha" })
        {
            var answer = result.RootElement.GetProperty(version);
            Assert.Equal(Expected, answer.GetProperty("services").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(1, answer.GetProperty("health_file_count").GetInt32());
        }
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
}
