using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Hub.Scoring.Api;

/// <summary>304: the representation the caller holds (If-None-Match) is still current. No body.</summary>
public sealed class NotModified : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public static readonly NotModified Instance = new();

    public int? StatusCode => StatusCodes.Status304NotModified;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
        return Task.CompletedTask;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }
}
