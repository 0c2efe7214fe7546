namespace Hub.Scoring.Grpc;

/// <summary>The gRPC side of scoring, from the "Scoring" section.</summary>
public sealed class ScoresGrpcOptions
{
    /// <summary>
    /// Where hub.scoring.v1 is served, as HTTP/2 cleartext (prior knowledge): the gateway and
    /// in-cluster clients call it there. REST stays on HTTP/1.1 at the configured "urls". Port 0
    /// takes a free port (tests).
    /// </summary>
    public string GrpcUrl { get; init; } = "http://0.0.0.0:8081";

    /// <summary>How often a WatchScores call looks for new snapshots of its subtree.</summary>
    public TimeSpan GrpcWatchInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
