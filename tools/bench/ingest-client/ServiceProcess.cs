using System.Diagnostics;
using System.Net;

namespace Hub.Bench.Ingest;

/// <summary>A hub service as a process of its own, configured by environment (and the runtime settings of tools/services) like `tools/hub up` does (also linked into the scoring bench).</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process) => _process = process;

    /// <summary>Migrates (unless told not to), starts, and waits for /readyz on the port: HTTP/2 cleartext, or HTTP/1.1 for REST ports.</summary>
    public static async Task<ServiceProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> environment, int port, bool http2 = true, bool migrate = true)
    {
        if (migrate)
        {
            using var migration = Process.Start(Start(dll, environment, "--migrate"))!;
            await migration.WaitForExitAsync();
            if (migration.ExitCode != 0)
            {
                throw new InvalidOperationException($"migrations failed: {await migration.StandardError.ReadToEndAsync()}");
            }
        }
        var process = Process.Start(Start(dll, environment))!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient
        {
            DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"));
                if (response.IsSuccessStatusCode)
                {
                    return new ServiceProcess(process);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        process.Kill();
        throw new InvalidOperationException($"{Path.GetFileName(dll)} did not become ready within 30 s");
    }

    private static ProcessStartInfo Start(string dll, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        // From its output folder: that is the content root where its appsettings*.json are.
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in ServiceRuntime.SettingsFor(dll).Concat(environment))
        {
            start.Environment[name] = value;
        }
        return start;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
