using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Identity.Tokens;

/// <summary>Reads the client's credentials from the Authorization header or the form (RFC 6749 §2.3.1).</summary>
public static class ClientCredentialsReader
{
    public static (ClientCredentials? Credentials, JsonHttpResult<OAuthErrorResponse>? Error) Read(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        var postedId = form["client_id"].ToString();
        var postedSecret = form["client_secret"].ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (postedSecret.Length > 0)
            {
                return (null, OAuthErrors.BadRequest(OAuthErrors.InvalidRequest, "Use one client authentication method, not both the Authorization header and client_secret."));
            }
            var basic = DecodeBasic(header["Basic ".Length..].Trim());
            if (basic is null)
            {
                return (null, OAuthErrors.InvalidClientResult(request.HttpContext.Response, "The Authorization header is not valid Basic credentials."));
            }
            if (postedId.Length > 0 && postedId != basic.ClientId)
            {
                return (null, OAuthErrors.BadRequest(OAuthErrors.InvalidRequest, "client_id differs from the client in the Authorization header."));
            }
            return (basic, null);
        }
        if (postedId.Length > 0 && postedSecret.Length > 0)
        {
            return (new ClientCredentials(postedId, postedSecret), null);
        }
        return (null, OAuthErrors.InvalidClientResult(request.HttpContext.Response,
            "Client authentication is required: client_secret_basic or client_secret_post."));
    }

    /// <summary>Base64 of "id:secret", each form-urlencoded first (RFC 6749 §2.3.1).</summary>
    private static ClientCredentials? DecodeBasic(string value)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }
            var id = FormDecode(decoded[..colon]);
            var secret = FormDecode(decoded[(colon + 1)..]);
            return secret.Length == 0 ? null : new ClientCredentials(id, secret);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
