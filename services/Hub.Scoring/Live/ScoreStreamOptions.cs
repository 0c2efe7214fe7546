namespace Hub.Scoring.Live;

/// <summary>Settings under "Scoring:Stream".</summary>
public sealed class ScoreStreamOptions
{
    public const string Section = "Scoring:Stream";

    /// <summary>How often an idle stream sends a comment, so proxies keep it open and clients see it alive.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Changes queued for one client; a client that falls this far behind is dropped (and reconnects).</summary>
    public int ClientBuffer { get; init; } = 256;

    /// <summary>What the stream tells clients to wait before reconnecting (the SSE <c>retry</c> field).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);
}
