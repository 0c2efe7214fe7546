using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Hub.Scoring.Api;

/// <summary>
/// A 200 whose JSON body was rendered before (<see cref="RenderedBodies"/>); described in the
/// OpenAPI document as the <typeparamref name="T"/> it was rendered from, like <c>Ok&lt;T&gt;</c>.
/// </summary>
public sealed class JsonBody<T>(byte[] utf8) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    private const string ContentType = "application/json; charset=utf-8";

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = utf8.Length;
        await httpContext.Response.BodyWriter.WriteAsync(utf8, httpContext.RequestAborted);
    }

    [SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider's member is static; the metadata depends on T.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
    }
}
