using System.Diagnostics;
using System.Net;

namespace Hub.Bench.Ingest;

/// <summary>The dossier service as a process of its own, configured by environment like `tools/hub up` does.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process) => _process = process;

    public static async Task<ServiceProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> environment, int port)
    {
        using (var migrate = Process.Start(Start(dll, environment, "--migrate"))!)
        {
            await migrate.WaitForExitAsync();
            if (migrate.ExitCode != 0)
            {
                throw new InvalidOperationException($"migrations failed: {await migrate.StandardError.ReadToEndAsync()}");
            }
        }
        var process = Process.Start(Start(dll, environment))!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
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
        throw new InvalidOperationException("the dossier service did not become ready within 30 s");
    }

    private static ProcessStartInfo Start(string dll, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
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
