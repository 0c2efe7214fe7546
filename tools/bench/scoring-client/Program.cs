using Hub.Bench.Scoring;

// Usage: Hub.Bench.Scoring POSTGRES_SUPERUSER_CS AMQP_URI DOSSIERS_DLL SCORING_DLL GATEWAY_DLL LOAD_RATE PROBES
// Prints the freshness figures as Markdown rows, then "RANKING <gateway-url> <direct-url> <token>",
// and keeps the hub running until standard input closes.
var settings = RigSettings.Parse(args);
await using var hub = await BenchHub.StartAsync(settings);
var freshness = await new FreshnessProbe(hub, settings).RunAsync();
Console.WriteLine(freshness);
Console.WriteLine($"RANKING {hub.GatewayRest}{hub.RankingPath} {hub.ScoringRest}{hub.RankingPath} {hub.ReaderToken}");
await Console.Out.FlushAsync();
await Console.In.ReadToEndAsync();
