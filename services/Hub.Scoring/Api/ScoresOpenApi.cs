using Hub.ServiceDefaults.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hub.Scoring.Api;

/// <summary>
/// The scores API's OpenAPI document, served at <c>/api/v1/scores/openapi/v1.json</c> without a
/// token at the service (it describes, it does not disclose); through the gateway the whole
/// <c>/api/v1/scores</c> prefix, the document included, needs a token with <c>hub.scores.read</c>.
/// </summary>
public static class ScoresOpenApi
{
    public const string DocumentName = "v1";

    public const string Route = ScoresApi.Prefix + "/openapi/{documentName}.json";

    private const string SchemeName = "bearer";

    private const string Description = """
        Scores of the 766 index (Decision 766/QĐ-TTg) per unit and period, as the scoring service last computed them.

        **Access.** Every route except this document needs a bearer access token (JWT, RFC 9068) with the scope
        `hub.scores.read`: no token or a bad one is answered 401, a token without the scope 403. A ministry's or the
        hub operator's token reads every unit; any other token (a province's) reads its own unit's subtree. Rankings
        show such a caller only its own rows (ranks are still over the whole level); asking for a unit outside the
        subtree is answered 403 (units are public, so it is not hidden behind a 404).

        **Periods** are written `2026-05` (month), `2026-Q2` (quarter) or `2026` (year), in Vietnamese local time.
        A missing or malformed parameter is answered 400 with an RFC 9457 problem whose `errors` name the field.

        **Formats.** Rankings, drill-downs, breakdowns, history and snapshots are JSON, or CSV (RFC 4180, a header row,
        UTF-8, invariant culture, CRLF) when the Accept header prefers `text/csv` or the query says `format=csv`.
        Totals and points are shown to 2 decimals, rates (0–1) to 4; a rank is over the totals as shown (ties share a rank).

        **Caching.** Responses carry a strong ETag over everything they depend on (the scores' snapshots, the caller's
        scope, the format, the shipped unit tree and rule sets) and `Cache-Control: private, no-cache`: poll with
        If-None-Match and get a 304 without a body while nothing changed.

        **Live.** `GET /api/v1/scores/stream` is a server-sent-events stream of score changes.

        Errors are `application/problem+json` (RFC 9457).
        """;

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/scores/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "Hub scores API", Version = "v1", Description = Description };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = $"An access token from the hub's token endpoint (client credentials) with the scope {HubScopes.ScoresRead}.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [HubScopes.ScoresRead] }];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<CsvRepresentation>().Any()
                && operation.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
            {
                ok.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
                ok.Content[FormatNegotiation.Csv] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "RFC 4180: a header row, then one row per line of the JSON body." },
                };
            }
            return Task.CompletedTask;
        });
    }
}
