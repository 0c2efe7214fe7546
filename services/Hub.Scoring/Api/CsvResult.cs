using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;

namespace Hub.Scoring.Api;

/// <summary>A 200 with a CSV body (UTF-8, no byte-order mark) and a file name for browsers.</summary>
public sealed class CsvResult(string content, string fileName) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    public string Content { get; } = content;

    public string FileName { get; } = fileName;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var body = Encoding.UTF8.GetBytes(Content);
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = body.Length;
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName}\"";
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(CsvRepresentation.Instance);
    }
}
