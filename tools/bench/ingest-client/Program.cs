using System.Globalization;
using Hub.Bench.Ingest;

// Usage: Hub.Bench.Ingest POSTGRES_SUPERUSER_CS AMQP_URI DOSSIERS_DLL GATEWAY_DLL DURATION_SECONDS
// Prints the figures as Markdown table rows, then one "Targets: …" line.
var settings = new BenchSettings(args[0], new Uri(args[1]), args[2], args[3],
    TimeSpan.FromSeconds(int.Parse(args[4], CultureInfo.InvariantCulture)));
var report = await new IngestBenchmark(settings).RunAsync();
Console.WriteLine(report);
