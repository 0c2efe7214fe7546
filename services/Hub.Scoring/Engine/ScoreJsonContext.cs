using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Scoring.Engine;

/// <summary>The snapshot's JSON contract, with the same web defaults as <see cref="ScoreJson.Options"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UnitScore))]
internal sealed partial class ScoreJsonContext : JsonSerializerContext;
