using Hub.Bench.Ingest;

// Usage: Hub.Bench.Ingest POSTGRES_SUPERUSER_CS AMQP_URI SERVICE_DLL PORT DURATION_SECONDS
var settings = new BenchSettings(args[0], new Uri(args[1]), args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture),
    TimeSpan.FromSeconds(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)));
var report = await new IngestBenchmark(settings).RunAsync();
Console.WriteLine(report);
