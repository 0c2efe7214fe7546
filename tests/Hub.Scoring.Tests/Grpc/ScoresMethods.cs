using Hub.Grpc.Client;
using Hub.Scoring.V1;

namespace Hub.Scoring.Tests.Grpc;

/// <summary>Typed client methods of hub.scoring.v1.ScoresService, from the generated descriptor.</summary>
public static class ScoresMethods
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = ScoringReflection.Descriptor.Services[0];

    public static readonly GrpcMethod<GetScoreRequest, UnitScore> GetScore = new(Service.FindMethodByName("GetScore"));
    public static readonly GrpcMethod<WatchScoresRequest, ScoreChanged> WatchScores = new(Service.FindMethodByName("WatchScores"));
}
