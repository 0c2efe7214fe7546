namespace Hub.Identity.Bootstrap;

/// <summary>Where the first admin secret is printed: standard output, never the log.</summary>
public sealed class BootstrapOutput
{
    public TextWriter Writer { get; init; } = Console.Out;
}
