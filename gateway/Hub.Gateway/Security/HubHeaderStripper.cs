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

    private static void Strip(System.Net.Http.Headers.HttpHeaders headers)
    {
        foreach (var name in headers.Select(h => h.Key).Where(IsHubHeader).ToList())
        {
            headers.Remove(name);
        }
    }

    private static bool IsHubHeader(string name) => name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);
}
