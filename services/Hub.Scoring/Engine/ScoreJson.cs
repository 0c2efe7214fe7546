using System.Security.Cryptography;
using System.Text.Json;

namespace Hub.Scoring.Engine;

/// <summary>How snapshots are stored, and the fingerprint that tells whether a score really changed.</summary>
public static class ScoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    // Generated at build time: a full recompute writes thousands of 10 KB snapshots, and the
    // reflection-based serializer spent about a second on them.
    public static string Serialize(UnitScore score) => JsonSerializer.Serialize(score, ScoreJsonContext.Default.UnitScore);

    public static UnitScore Deserialize(string json) =>
        JsonSerializer.Deserialize<UnitScore>(json, Options) ?? throw new InvalidDataException("empty snapshot");

    /// <summary>The score's content, without the instant it was judged at (which moves while a period runs).</summary>
    public static string ContentHash(UnitScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var json = JsonSerializer.SerializeToUtf8Bytes(score with { EvaluatedAt = default }, ScoreJsonContext.Default.UnitScore);
        return Convert.ToHexString(SHA256.HashData(json));
    }
}
