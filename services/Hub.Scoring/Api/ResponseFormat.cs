namespace Hub.Scoring.Api;

/// <summary>How a tabular response is written.</summary>
public enum ResponseFormat
{
    Json,
    Csv,
}
