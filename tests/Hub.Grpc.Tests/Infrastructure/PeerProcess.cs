using System.Diagnostics;
using System.Text;

namespace Hub.Grpc.Tests.Infrastructure;

/// <summary>A Python or Node peer run as a child process with a bounded lifetime; killed (with its children) on dispose.</summary>
public sealed class PeerProcess : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PeerProcess(Process process) => _process = process;

    public static string PeersDirectory => System.IO.Path.Combine(AppContext.BaseDirectory, "Peers");

    public static string ProtoDirectory => System.IO.Path.Combine(AppContext.BaseDirectory, "Protos");

    public static string ProtosRoot => Hub.Testing.RepositoryRoot.Combine("protos");

    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Runs the peer to completion and returns its standard output; fails the test on a non-zero exit or timeout.</summary>
    public static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        await using var peer = Start(fileName, arguments);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await peer._process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.\nstdout:\n{peer.StandardOutput}\nstderr:\n{peer.StandardError}");
        }

        if (peer._process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {peer._process.ExitCode}.\nstdout:\n{peer.StandardOutput}\nstderr:\n{peer.StandardError}");
        }

        return peer.StandardOutput;
    }

    /// <summary>Starts a peer server and waits for the "PORT n" line it prints once listening.</summary>
    public static async Task<(PeerProcess Peer, int Port)> StartServerAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var peer = Start(fileName, arguments);
        try
        {
            var port = await peer._port.Task.WaitAsync(timeout);
            return (peer, port);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            var message = $"{fileName} {string.Join(' ', arguments)} did not report a port.\nstdout:\n{peer.StandardOutput}\nstderr:\n{peer.StandardError}";
            await peer.DisposeAsync();
            throw new InvalidOperationException(message, ex);
        }
    }

    public static string NodeModules => Hub.Testing.RepositoryRoot.Combine("tools", "peers", "node_modules");

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Peer servers stop when their stdin closes, which lets them clean up; a kill follows regardless.
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or IOException)
        {
            // Still running, or its stdin was already gone: the kill below settles it.
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or gone too slowly to wait for; either way nothing is left to do here.
        }

        _process.Dispose();
    }

    private static PeerProcess Start(string fileName, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = PeersDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NODE_PATH"] = NodeModules;
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var peer = new PeerProcess(process);
        process.OutputDataReceived += (_, e) => peer.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (peer._stderr)
                {
                    peer._stderr.AppendLine(e.Data);
                }
            }
        };
        process.Exited += (_, _) => peer._port.TrySetException(new InvalidOperationException("The peer exited."));

        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {fileName}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stdout)
        {
            _stdout.AppendLine(line);
        }

        if (line.StartsWith("PORT ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(5), out var port))
        {
            _port.TrySetResult(port);
        }
    }
}
