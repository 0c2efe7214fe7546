using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hub.Scoring.Engine;

/// <summary>How snapshots are stored, and the fingerprint that tells whether a score really changed.</summary>
public static class ScoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(UnitScore score) => JsonSerializer.Serialize(score, Options);

    public static UnitScore Deserialize(string json) =>
        JsonSerializer.Deserialize<UnitScore>(json, Options) ?? throw new InvalidDataException("empty snapshot");

    /// <summary>The score's content, without the instant it was judged at (which moves while a period runs).</summary>
    public static string ContentHash(UnitScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var json = JsonSerializer.Serialize(score with { EvaluatedAt = default }, Options);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }
}
