using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Hub.Gateway.Security;

/// <summary>
/// Drops every <c>x-hub-*</c> header a caller sends. Those names are the hub's own; a client must
/// never be able to pose as a tenant or unit by setting one. Services trust only the token.
/// </summary>
internal static class HubHeaderStripper
{
    public const string Prefix = "x-hub-";

    public static void Apply(TransformBuilderContext context) => context.AddRequestTransform(transform =>
    {
        Strip(transform.ProxyRequest.Headers);
        if (transform.ProxyRequest.Content is { } content)
        {
            Strip(content.Headers);
        }
        return ValueTask.CompletedTask;
    });

    // The names are read without validating the values: validation parses every header (the
    // bearer token among them) into objects that are thrown away again when the request is sent.
    private static void Strip(System.Net.Http.Headers.HttpHeaders headers)
    {
        List<string>? hubHeaders = null;
        foreach (var header in headers.NonValidated)
        {
            if (IsHubHeader(header.Key))
            {
                (hubHeaders ??= []).Add(header.Key);
            }
        }
        foreach (var name in hubHeaders ?? [])
        {
            headers.Remove(name);
        }
    }

    private static bool IsHubHeader(string name) => name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);
}
