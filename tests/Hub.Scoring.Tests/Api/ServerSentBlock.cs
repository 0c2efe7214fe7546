namespace Hub.Scoring.Tests.Api;

/// <summary>One SSE block: its fields (id, event, data, retry) and its comments.</summary>
public sealed record ServerSentBlock(IReadOnlyList<KeyValuePair<string, string>> Fields, IReadOnlyList<string> Comments)
{
    public string? Event => Field("event");

    public string? Id => Field("id");

    public string? Data => Field("data");

    private string? Field(string name) => Fields.Where(f => f.Key == name).Select(f => f.Value).LastOrDefault();
}
