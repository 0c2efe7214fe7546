using System.CommandLine;
using System.Text.Json;

namespace Hub.Cli;

/// <summary>
/// hubctl: every admin action of the identity service from a terminal. It authenticates with a
/// client-credentials token (HUB_CLIENT_ID / HUB_CLIENT_SECRET) and prints JSON or a table.
/// </summary>
public static class CliApp
{
    private delegate Task<JsonElement?> Run(ParseResult parse, AdminClient admin, CancellationToken cancellationToken);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var url = new Option<string>("--url")
        {
            Description = "The identity service (env HUB_IDENTITY_URL)",
            DefaultValueFactory = _ => environment("HUB_IDENTITY_URL") ?? "http://127.0.0.1:5100",
            Recursive = true,
        };
        var clientId = new Option<string?>("--client-id") { Description = "Client to authenticate as (env HUB_CLIENT_ID)", Recursive = true };
        var clientSecret = new Option<string?>("--client-secret") { Description = "Its secret (env HUB_CLIENT_SECRET; prefer the variable)", Recursive = true };
        var format = new Option<string>("--output", "-o") { Description = "json or table", DefaultValueFactory = _ => "table", Recursive = true };
        format.AcceptOnlyFromAmong("json", "table");

        var root = new RootCommand("hubctl: administer the hub's identity service (units, tenants, clients, secrets, audit).")
        {
            url, clientId, clientSecret, format,
        };
        var exitCode = ExitCodes.Ok;

        Command Leaf(string name, string description, Run run, params Symbol[] symbols)
        {
            var command = new Command(name, description);
            foreach (var symbol in symbols)
            {
                switch (symbol)
                {
                    case Option option: command.Options.Add(option); break;
                    case Argument argument: command.Arguments.Add(argument); break;
                }
            }
            command.SetAction(async (parse, ct) =>
            {
                var baseUrl = parse.GetValue(url)!;
                if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var uri))
                {
                    error.WriteLine($"error: --url '{baseUrl}' is not an absolute URL.");
                    return exitCode = ExitCodes.Usage;
                }
                var settings = new CliSettings(uri, parse.GetValue(clientId) ?? environment("HUB_CLIENT_ID"), parse.GetValue(clientSecret) ?? environment("HUB_CLIENT_SECRET"));
                using var admin = new AdminClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, settings);
                try
                {
                    OutputWriter.Write(output, await run(parse, admin, ct), parse.GetValue(format)!);
                    return exitCode = ExitCodes.Ok;
                }
                catch (CliException failure)
                {
                    error.WriteLine($"error: {failure.Message}");
                    return exitCode = failure.ExitCode;
                }
            });
            return command;
        }

        root.Subcommands.Add(UnitCommands(Leaf));
        root.Subcommands.Add(TenantCommands(Leaf));
        root.Subcommands.Add(ClientCommands(Leaf));
        root.Subcommands.Add(SecretCommands(Leaf));
        root.Subcommands.Add(Group("audit", "The append-only log of admin actions",
            Leaf("list", "Newest first", (p, a, ct) => a.GetAsync(Query("api/v1/admin/audit", ("target", p.GetValue<string?>("--target")), ("limit", p.GetValue<int?>("--limit")?.ToString(System.Globalization.CultureInfo.InvariantCulture))), ct),
                new Option<string?>("--target") { Description = "Only one record, e.g. client:79-sync" }, new Option<int?>("--limit"))));
        root.Subcommands.Add(Leaf("revocations", "What a gateway must refuse now (revoked tokens, disabled clients)", (_, a, ct) => a.GetAsync("api/v1/revocations", ct)));
        root.Subcommands.Add(Leaf("token", "Print an access token for the configured client (for curl)", async (p, a, ct) =>
            JsonSerializer.SerializeToElement(await a.GetTokenAsync(p.GetValue<string?>("--scope"), ct)), new Option<string?>("--scope")));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }
            error.WriteLine("Run 'hubctl --help' for usage.");
            return ExitCodes.Usage;
        }
        var invoked = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        return invoked != 0 ? invoked : exitCode;
    }

    private static Command UnitCommands(Func<string, string, Run, Symbol[], Command> leaf)
    {
        var code = new Argument<string>("code") { Description = "Official unit code (province 2 digits, commune 5 digits)" };
        var parent = new Option<string?>("--parent");
        var level = new Option<string?>("--level") { Description = "national, ministry, province, department or commune" };
        var name = new Option<string?>("--name");
        return Group("units", "The administrative tree",
            leaf("list", "List units", (p, a, ct) => a.GetAsync(Query("api/v1/admin/units", ("parent", p.GetValue(parent)), ("level", p.GetValue(level))), ct), [parent, level]),
            leaf("get", "Show one unit", (p, a, ct) => a.GetAsync($"api/v1/admin/units/{Uri.EscapeDataString(p.GetValue(code)!)}", ct), [code]),
            leaf("add", "Add a unit", (p, a, ct) => a.PostAsync("api/v1/admin/units", new { code = p.GetValue(code), parent = p.GetValue(parent), level = p.GetValue(level), name = p.GetValue(name) }, ct), [code, parent, level, name]),
            leaf("update", "Change a unit's parent, level and name", (p, a, ct) => a.PutAsync($"api/v1/admin/units/{Uri.EscapeDataString(p.GetValue(code)!)}", new { parent = p.GetValue(parent), level = p.GetValue(level), name = p.GetValue(name) }, ct), [code, parent, level, name]),
            leaf("delete", "Delete a unit without children or tenants", (p, a, ct) => a.DeleteAsync($"api/v1/admin/units/{Uri.EscapeDataString(p.GetValue(code)!)}", ct), [code]));
    }

    private static Command TenantCommands(Func<string, string, Run, Symbol[], Command> leaf)
    {
        var id = new Argument<string>("id");
        var name = new Option<string?>("--name");
        var kind = new Option<string?>("--kind") { Description = "province, ministry or operator" };
        var unit = new Option<string?>("--unit") { Description = "The tenant's root unit code" };
        return Group("tenants", "Organisations that own clients",
            leaf("list", "List tenants", (_, a, ct) => a.GetAsync("api/v1/admin/tenants", ct), []),
            leaf("get", "Show one tenant", (p, a, ct) => a.GetAsync($"api/v1/admin/tenants/{Uri.EscapeDataString(p.GetValue(id)!)}", ct), [id]),
            leaf("create", "Create a tenant", (p, a, ct) => a.PostAsync("api/v1/admin/tenants", new { id = p.GetValue(id), name = p.GetValue(name), kind = p.GetValue(kind), unit = p.GetValue(unit) }, ct), [id, name, kind, unit]));
    }

    private static Command ClientCommands(Func<string, string, Run, Symbol[], Command> leaf)
    {
        var id = new Argument<string>("client");
        var tenant = new Option<string?>("--tenant");
        var scopes = new Option<string?>("--scopes") { Description = "Comma- or space-separated: hub.sync, hub.scores.read, hub.admin" };
        var clientIdOption = new Option<string?>("--id") { Description = "Client id (default: TENANT-random)" };
        var name = new Option<string?>("--name");
        var lifetime = new Option<int?>("--secret-lifetime-days");
        return Group("clients", "Machine clients and their scopes",
            leaf("list", "List clients", (p, a, ct) => a.GetAsync(Query("api/v1/admin/clients", ("tenant", p.GetValue(tenant))), ct), [tenant]),
            leaf("get", "Show one client", (p, a, ct) => a.GetAsync(ClientPath(p.GetValue(id)!), ct), [id]),
            leaf("create", "Create a client; prints its first secret once", (p, a, ct) => a.PostAsync("api/v1/admin/clients",
                new { tenant = p.GetValue(tenant), id = p.GetValue(clientIdOption), name = p.GetValue(name), scopes = SplitScopes(p.GetValue(scopes)), secretLifetimeDays = p.GetValue(lifetime) }, ct),
                [tenant, scopes, clientIdOption, name, lifetime]),
            leaf("scopes", "Replace a client's allowed scopes", (p, a, ct) => a.PutAsync($"{ClientPath(p.GetValue(id)!)}/scopes", new { scopes = SplitScopes(p.GetValue(scopes)) }, ct), [id, scopes]),
            leaf("disable", "Disable a client: its tokens stop working at once", (p, a, ct) => a.PostAsync($"{ClientPath(p.GetValue(id)!)}/disable", null, ct), [id]),
            leaf("enable", "Enable a disabled client", (p, a, ct) => a.PostAsync($"{ClientPath(p.GetValue(id)!)}/enable", null, ct), [id]));
    }

    private static Command SecretCommands(Func<string, string, Run, Symbol[], Command> leaf)
    {
        var client = new Argument<string>("client");
        var secretId = new Argument<Guid>("secret-id");
        var lifetime = new Option<int?>("--lifetime-days");
        return Group("secrets", "Client secrets (values are shown only when created)",
            leaf("list", "List a client's secrets, without values", (p, a, ct) => a.GetAsync($"{ClientPath(p.GetValue(client)!)}/secrets", ct), [client]),
            leaf("rotate", "Add a new secret; the old ones keep working until revoked or expired", (p, a, ct) =>
                a.PostAsync($"{ClientPath(p.GetValue(client)!)}/secrets", new { lifetimeDays = p.GetValue(lifetime) }, ct), [client, lifetime]),
            leaf("revoke", "Revoke one secret", async (p, a, ct) =>
            {
                await a.DeleteAsync($"{ClientPath(p.GetValue(client)!)}/secrets/{p.GetValue(secretId)}", ct);
                return JsonSerializer.SerializeToElement(new { revoked = p.GetValue(secretId) });
            }, [client, secretId]));
    }

    private static Command Group(string name, string description, params Command[] commands)
    {
        var group = new Command(name, description);
        foreach (var command in commands)
        {
            group.Subcommands.Add(command);
        }
        return group;
    }

    private static string ClientPath(string id) => $"api/v1/admin/clients/{Uri.EscapeDataString(id)}";

    private static string[]? SplitScopes(string? scopes) =>
        scopes?.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Query(string path, params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? path : $"{path}?{string.Join('&', present)}";
    }
}
