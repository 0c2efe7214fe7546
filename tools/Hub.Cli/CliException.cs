namespace Hub.Cli;

/// <summary>A failure to report in one clear line, with the exit code that classifies it.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
