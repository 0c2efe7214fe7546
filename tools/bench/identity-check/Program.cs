// Usage: Hub.Identity.BenchCheck BASE_URL CLIENT_ID CLIENT_SECRET SECONDS
// Prints "VALIDATIONS n" (tokens validated per second against the published JWKS, one thread, as a
// resource server does: signature, iss, aud, typ, lifetime) and "SIGNATURES n" (raw ES256
// signatures per second of the same token's signing input, one thread: the floor of issuing).
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

var baseUrl = new Uri(args[0].TrimEnd('/') + "/");
var seconds = double.Parse(args[3], CultureInfo.InvariantCulture);
using var http = new HttpClient { BaseAddress = baseUrl };

using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
{
    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
};
request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{args[1]}:{args[2]}")));
using var response = await http.SendAsync(request);
response.EnsureSuccessStatusCode();
var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

var discovery = await http.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration");
var keys = new JsonWebKeySet(await http.GetStringAsync(discovery.GetProperty("jwks_uri").GetString()));
var parameters = new TokenValidationParameters
{
    ValidIssuer = discovery.GetProperty("issuer").GetString(),
    ValidAudience = "hub",
    ValidTypes = ["at+jwt"],
    IssuerSigningKeys = keys.GetSigningKeys(),
};
var handler = new JsonWebTokenHandler();
var first = await handler.ValidateTokenAsync(token, parameters);
if (!first.IsValid)
{
    Console.Error.WriteLine($"token does not validate: {first.Exception?.Message}");
    return 1;
}

var validations = 0L;
var clock = Stopwatch.StartNew();
while (clock.Elapsed.TotalSeconds < seconds)
{
    for (var i = 0; i < 100; i++)
    {
        _ = await handler.ValidateTokenAsync(token, parameters);
    }
    validations += 100;
}
Console.WriteLine(FormattableString.Invariant($"VALIDATIONS {validations / clock.Elapsed.TotalSeconds:F0}"));

var signingInput = Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]);
using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var signatures = 0L;
clock.Restart();
while (clock.Elapsed.TotalSeconds < seconds)
{
    for (var i = 0; i < 100; i++)
    {
        _ = ecdsa.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
    signatures += 100;
}
Console.WriteLine(FormattableString.Invariant($"SIGNATURES {signatures / clock.Elapsed.TotalSeconds:F0}"));
return 0;
