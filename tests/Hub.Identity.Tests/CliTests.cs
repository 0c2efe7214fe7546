using System.Text.Json;
using Hub.Cli;

namespace Hub.Identity.Tests;

/// <summary>hubctl end to end against the identity service listening on a real port.</summary>
public sealed class CliTests(IdentityService service) : IClassFixture<IdentityService>
{
    [Fact]
    public async Task An_operator_onboards_a_province_rotates_its_secret_and_disables_it()
    {
        var tenants = await RunAsync("tenants", "list");
        Assert.Equal(ExitCodes.Ok, tenants.Code);
        Assert.Contains("operator", tenants.Output, StringComparison.Ordinal);
        Assert.StartsWith("ID", tenants.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, (await RunAsync("tenants", "create", "79", "--name", "Thành phố Hồ Chí Minh", "--kind", "province", "--unit", "79")).Code);
        var created = await RunAsync("clients", "create", "--tenant", "79", "--scopes", "hub.sync", "--id", "79-cli", "-o", "json");
        Assert.Equal(ExitCodes.Ok, created.Code);
        var firstSecret = JsonDocument.Parse(created.Output).RootElement.GetProperty("secret");
        var secret = firstSecret.GetProperty("secret").GetString()!;
        Assert.Equal(ExitCodes.Ok, (await RunAs("79-cli", secret, "token", "--scope", "hub.sync")).Code);

        var rotated = await RunAsync("secrets", "rotate", "79-cli", "-o", "json");
        Assert.Equal(ExitCodes.Ok, rotated.Code);
        var newSecret = JsonDocument.Parse(rotated.Output).RootElement.GetProperty("secret").GetString()!;
        var listed = await RunAsync("secrets", "list", "79-cli");
        Assert.Equal(2, listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
        Assert.DoesNotContain(secret, listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(newSecret, listed.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, (await RunAsync("secrets", "revoke", "79-cli", firstSecret.GetProperty("id").GetString()!)).Code);
        Assert.Equal(ExitCodes.AuthenticationFailed, (await RunAs("79-cli", secret, "token")).Code);
        Assert.Equal(ExitCodes.Ok, (await RunAs("79-cli", newSecret, "token")).Code);

        Assert.Equal(ExitCodes.Ok, (await RunAsync("clients", "disable", "79-cli")).Code);
        var refused = await RunAs("79-cli", newSecret, "token");
        Assert.Equal(ExitCodes.AuthenticationFailed, refused.Code);
        Assert.Contains("disabled", refused.Error, StringComparison.Ordinal);

        var audit = await RunAsync("audit", "list", "--target", "client:79-cli", "-o", "json");
        Assert.Equal(4, JsonDocument.Parse(audit.Output).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Every_failure_has_a_clear_message_and_its_own_exit_code()
    {
        var invalid = await RunAsync("clients", "create", "--tenant", "79x", "--scopes", "hub.everything");
        Assert.Equal(ExitCodes.Invalid, invalid.Code);
        Assert.Contains("tenant:", invalid.Error, StringComparison.Ordinal);
        Assert.Contains("scopes:", invalid.Error, StringComparison.Ordinal);

        var missing = await RunAsync("clients", "get", "nobody");
        Assert.Equal(ExitCodes.NotFound, missing.Code);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.AuthenticationFailed, (await RunAs("hub-admin", "wrong", "tenants", "list")).Code);
        Assert.Equal(ExitCodes.Usage, (await RunAs(null, null, "tenants", "list")).Code);
        Assert.Equal(ExitCodes.Usage, (await RunAsync("tenants", "explode")).Code);
        Assert.Equal(ExitCodes.Usage, (await RunAsync("tenants", "list", "-o", "yaml")).Code);

        var unreachable = await CliApp.RunAsync(["tenants", "list", "--url", "http://127.0.0.1:9"], new StringWriter(), new StringWriter(), Environment(service.AdminSecret), CancellationToken.None);
        Assert.Equal(ExitCodes.Unreachable, unreachable);

        var sync = await RunAsync("clients", "create", "--tenant", "operator", "--scopes", "hub.sync", "--id", "op-sync", "-o", "json");
        var syncSecret = JsonDocument.Parse(sync.Output).RootElement.GetProperty("secret").GetProperty("secret").GetString()!;
        Assert.Equal(ExitCodes.Failed, (await RunAs("op-sync", syncSecret, "tenants", "list")).Code);
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => RunAs("hub-admin", service.AdminSecret, args);

    private async Task<(int Code, string Output, string Error)> RunAs(string? clientId, string? secret, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, Environment(secret, clientId), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private Func<string, string?> Environment(string? secret, string? clientId = "hub-admin") => name => name switch
    {
        "HUB_IDENTITY_URL" => service.BaseAddress.ToString(),
        "HUB_CLIENT_ID" => clientId,
        "HUB_CLIENT_SECRET" => secret,
        _ => null,
    };
}
