namespace Hub.Identity.Tenants;

/// <summary>Who holds credentials: a province, a ministry, or the hub operator.</summary>
public static class TenantKind
{
    public const string Province = "province";
    public const string Ministry = "ministry";
    public const string Operator = "operator";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Province, Ministry, Operator };
}
