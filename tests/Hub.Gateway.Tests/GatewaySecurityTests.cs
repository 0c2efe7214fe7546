using System.Diagnostics;
using Google.Protobuf;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Hub.Gateway.Tests.Probe;
using Hub.Grpc;
using Hub.Grpc.Client;
using Hub.ServiceDefaults.Security;
using Hub.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Hub.Gateway.Tests;

/// <summary>What passes the gateway and what it refuses, seen from real gRPC and REST clients.</summary>
public sealed class GatewaySecurityTests(GatewayUnderTest gateway) : IClassFixture<GatewayUnderTest>
{
    private string SyncToken => gateway.Issuer.Issue("79", "79", HubScopes.Sync);

    [Fact]
    public async Task A_gRPC_call_with_a_valid_token_reaches_the_service_with_its_token()
    {
        var token = SyncToken;

        var reply = await gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = "xin chào" }, Options(token));

        Assert.Equal("xin chào", reply.Text);
        // The service validates the token again itself, so the gateway must pass it on unchanged.
        Assert.Equal("Bearer " + token, reply.Headers["authorization"]);
    }

    [Fact]
    public async Task Spoofed_hub_headers_never_reach_the_service()
    {
        var options = Options(SyncToken) with
        {
            Headers = new GrpcMetadata { { "x-hub-tenant", "01" }, { "x-hub-unit", "01" }, { "x-request-note", "kept" } },
        };

        var reply = await gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = "spoof" }, options);

        Assert.DoesNotContain(reply.Headers.Keys, name => name.StartsWith("x-hub-", StringComparison.Ordinal));
        Assert.Equal("kept", reply.Headers["x-request-note"]);
    }

    [Fact]
    public async Task Python_grpcio_calls_through_the_gateway()
    {
        var request = new ProbeRequest { Text = "từ Python" }.ToByteArray();
        var script = """
            import sys, grpc
            channel = grpc.insecure_channel(sys.argv[1])
            call = channel.unary_unary("/hub.gatewaytest.v1.Probe/Echo")
            reply = call(bytes.fromhex(sys.argv[2]), metadata=[("authorization", "Bearer " + sys.argv[3])], timeout=30)
            sys.stdout.write(reply.hex())
            """;
        var output = await RunPythonAsync(script, $"127.0.0.1:{gateway.GrpcPort}", Convert.ToHexString(request), SyncToken);

        Assert.Equal("từ Python", ProbeReply.Parser.ParseFrom(Convert.FromHexString(output)).Text);
    }

    public static TheoryData<string, GrpcStatusCode> Refusals() => new()
    {
        { "missing", GrpcStatusCode.Unauthenticated },
        { "expired", GrpcStatusCode.Unauthenticated },
        { "wrong-audience", GrpcStatusCode.Unauthenticated },
        { "wrong-issuer", GrpcStatusCode.Unauthenticated },
        { "stranger-key", GrpcStatusCode.Unauthenticated },
        { "tampered", GrpcStatusCode.Unauthenticated },
        { "wrong-scope", GrpcStatusCode.PermissionDenied },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_token_is_refused_with_a_gRPC_status(string kind, GrpcStatusCode expected)
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() =>
            gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = kind }, Options(BadToken(kind))));

        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task REST_routes_need_their_scope_and_refuse_with_a_problem()
    {
        using var anonymous = await gateway.Rest.GetAsync(new Uri("/api/v1/scores/echo", UriKind.Relative));
        using var allowed = await gateway.Rest.SendAsync(Get("/api/v1/scores/echo", gateway.Issuer.Issue("01", "01", HubScopes.ScoresRead)));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Every_call_leaves_one_access_log_line_with_its_caller_and_outcome()
    {
        var text = $"logged-{Guid.NewGuid():N}";
        await gateway.Channel.UnaryAsync(ProbeMethods.Echo, new ProbeRequest { Text = text }, Options(gateway.Issuer.Issue("48", "48", HubScopes.Sync)));

        string[] lines;
        lock (gateway.AccessLog)
        {
            lines = gateway.AccessLog.Where(l => l.Contains("client=client-48", StringComparison.Ordinal)).ToArray();
        }
        var line = Assert.Single(lines);
        Assert.Contains("/hub.gatewaytest.v1.Probe/Echo 200 grpc-status=0", line, StringComparison.Ordinal);
        Assert.Contains("tenant=48 route=probe", line, StringComparison.Ordinal);
    }

    private static CallOptions Options(string? token) => CallOptions.WithTimeout(TimeSpan.FromSeconds(30)) with { BearerToken = token };

    private static HttpRequestMessage Get(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private string? BadToken(string kind)
    {
        var valid = new TestToken("79", "79", [HubScopes.Sync]);
        switch (kind)
        {
            case "missing": return null;
            case "expired": return gateway.Issuer.Issue(valid with { NotBeforeOffset = TimeSpan.FromHours(-1) });
            case "wrong-audience": return gateway.Issuer.Issue(valid with { Audience = "elsewhere" });
            case "wrong-issuer": return gateway.Issuer.Issue(valid with { Issuer = "https://attacker.example" });
            case "wrong-scope": return gateway.Issuer.Issue(valid with { Scopes = [HubScopes.ScoresRead] });
            case "tampered":
                var parts = gateway.Issuer.Issue(valid).Split('.');
                var claims = Base64UrlEncoder.Decode(parts[1]).Replace("\"79\"", "\"01\"", StringComparison.Ordinal);
                return $"{parts[0]}.{Base64UrlEncoder.Encode(claims)}.{parts[2]}";
            case "stranger-key":
                using (var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return gateway.Issuer.Sign(valid, new SigningCredentials(new ECDsaSecurityKey(stranger) { KeyId = "x" }, SecurityAlgorithms.EcdsaSha256));
                }
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static async Task<string> RunPythonAsync(string script, params string[] arguments)
    {
        // Debian's interpreter: python3-grpcio is installed for it, not for others on PATH.
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, "python3-grpcio failed: " + await error);
        return await output;
    }
}
