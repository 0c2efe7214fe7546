namespace Hub.Scoring.Api;

/// <summary>
/// Endpoint metadata: the route also answers 200 in text/csv. The OpenAPI document lists it beside
/// the JSON body (two response-type entries for one status would replace each other).
/// </summary>
public sealed class CsvRepresentation
{
    public static readonly CsvRepresentation Instance = new();
}
