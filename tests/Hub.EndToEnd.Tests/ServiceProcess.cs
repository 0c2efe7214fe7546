using System.Diagnostics;
using System.Text;
using Hub.Testing;

namespace Hub.EndToEnd.Tests;

/// <summary>
/// A hub service running as its own process from its build output, started the way `tools/hub up`
/// starts it (working folder = output folder, settings in environment variables).
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Applies the service's migrations (<c>--migrate</c>), then starts it and waits until it answers /healthz.</summary>
    public static async Task<ServiceProcess> StartAsync(string projectFolder, IReadOnlyDictionary<string, string> environment, Uri health)
    {
        var migrate = Create(projectFolder, environment, "--migrate");
        var migration = new ServiceProcess(migrate);
        await migrate.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(migrate.ExitCode == 0, $"{projectFolder} --migrate failed:\n{migration.Output}");

        var service = new ServiceProcess(Create(projectFolder, environment));
        await service.WaitUntilHealthyAsync(health);
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static Process Create(string projectFolder, IReadOnlyDictionary<string, string> environment, string? argument = null)
    {
        var dll = OutputOf(projectFolder);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        if (argument is not null)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"dotnet {dll} did not start");
    }

    /// <summary>The service's assembly, built in the same configuration as these tests.</summary>
    private static string OutputOf(string projectFolder)
    {
        // The tests run from bin/<configuration>/net10.0/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var name = Path.GetFileName(projectFolder);
        var dll = RepositoryRoot.Combine(projectFolder, "bin", configuration, "net10.0", name + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first.");
        return dll;
    }

    private async Task WaitUntilHealthyAsync(Uri health)
    {
        // gRPC services answer only HTTP/2 (prior knowledge) on their port; the others HTTP/1.1.
        using var http1 = new HttpClient();
        using var http2 = new HttpClient { DefaultRequestVersion = new Version(2, 0), DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"the service stopped during start-up:\n{Output}");
            foreach (var client in new[] { http1, http2 })
            {
                try
                {
                    using var response = await client.GetAsync(health);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
            }
            await Task.Delay(200);
        }
        Assert.Fail($"{health} did not answer within 60 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
