using System.Globalization;

namespace Hub.Testing;

/// <summary>
/// The servers of this test run. <c>HUB_TEST_POSTGRES</c> (a connection string) and
/// <c>HUB_TEST_RABBITMQ</c> (an amqp:// URI) name existing ones; otherwise throwaway servers are
/// started once under .hub/test/shared and shared by every test process of the run. They are
/// removed by tools/local-servers once no test process that used them is alive, and a run that
/// finds servers left by a crashed one removes those first.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<Task<HubServers>> Servers = new(StartAsync);

    public static Task<HubServers> GetAsync() => Servers.Value;

    private static async Task<HubServers> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("HUB_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("HUB_TEST_RABBITMQ");
        if (string.IsNullOrWhiteSpace(postgres) || string.IsNullOrWhiteSpace(rabbit))
        {
            var owner = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            var lines = (await LocalServersScript.RunAsync("shared", Path.Combine(TestFolders.Root, "shared"), owner)).Split('\n');
            postgres = string.IsNullOrWhiteSpace(postgres) ? lines[0].Trim() : postgres;
            rabbit = string.IsNullOrWhiteSpace(rabbit) ? lines[1].Trim() : rabbit;
        }
        return new HubServers(postgres, new Uri(rabbit));
    }
}
