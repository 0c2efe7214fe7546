namespace Hub.Bench.Ingest;

public sealed record BenchSettings(string PostgresServer, Uri RabbitMq, string ServiceDll, string GatewayDll, TimeSpan Duration)
{
    public const int BatchSize = 500;
    public const int Streams = 4;
    public const string Database = "hub_bench_dossiers";
}
