namespace Hub.ServiceDefaults.Health;

public static class HealthTags
{
    /// <summary>Checks of what the service needs to serve traffic; <c>/readyz</c> runs these.</summary>
    public const string Ready = "ready";
}
