using System.Diagnostics;

namespace Hub.Testing;

/// <summary>
/// Calls tools/local-servers, the one script that starts and stops throwaway servers, so the
/// tests and `tools/hub up` start them the same way.
/// </summary>
internal static class LocalServersScript
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryRoot.Combine("tools", "local-servers"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TestServerException($"tools/local-servers {string.Join(' ', arguments)} took longer than {Limit}.");
        }

        if (process.ExitCode != 0)
        {
            throw new TestServerException((await error).Trim());
        }
        return (await output).Trim();
    }
}
