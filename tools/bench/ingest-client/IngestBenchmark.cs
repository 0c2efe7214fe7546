using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Hub.Common.V1;
using Hub.Dossiers.Dossiers;
using Hub.Dossiers.V1;
using Hub.Grpc.Client;
using Hub.Sync;
using Hub.Sync.Privacy;
using Hub.Testing;
using Npgsql;

namespace Hub.Bench.Ingest;

/// <summary>
/// Full-rate push for the configured duration, then a push paced at half that rate, outbox lag for
/// each (commit → broker confirm, from the outbox rows' own timestamps), then a plain binary COPY of
/// the same rows into an equivalent table in the same database: the physical limit.
/// </summary>
public sealed class IngestBenchmark(BenchSettings settings)
{
    private const string HashKey = "bench-only-applicant-hash-key-0123456789";
    private static readonly Dossier Template = CreateTemplate();

    public async Task<string> RunAsync()
    {
        var database = await CreateDatabaseAsync();
        using var issuer = new TestTokenIssuer();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{settings.Port}",
            ["ConnectionStrings__Postgres"] = database,
            ["ConnectionStrings__RabbitMQ"] = settings.RabbitMq.ToString(),
            ["Hub__ServiceName"] = "bench-dossiers",
            ["Hub__Auth__Issuer"] = issuer.Issuer,
            ["Hub__Auth__Jwks"] = issuer.JwksJson,
            ["Sync__ApplicantHashKey"] = HashKey,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var counter = await DossierCounter.StartAsync(settings.RabbitMq);
        await using var service = await ServiceProcess.StartAsync(settings.ServiceDll, environment, settings.Port);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{settings.Port}");
        var token = new CallOptions { BearerToken = issuer.Issue("tenant-01", "01", "hub.sync") };

        await PushAsync(channel, token, "warmup", TimeSpan.FromSeconds(5), null);
        var full = await PushAsync(channel, token, "full", settings.Duration, null);
        await WaitDrainedAsync(database);
        var fullLag = await LagAsync(database, full);
        var half = await PushAsync(channel, token, "half", settings.Duration / 2, full.Rate / 2);
        await WaitDrainedAsync(database);
        var halfLag = await LagAsync(database, half);
        var total = await ScalarAsync(database, "SELECT count(*) FROM dossiers");
        var delivered = await WaitDeliveredAsync(counter, total);
        var copyRows = (int)Math.Min(full.Accepted, 1_000_000);
        var copyRate = await CopyBaselineAsync(database, copyRows);

        var inv = CultureInfo.InvariantCulture;
        return string.Join('\n',
            $"| Full rate, {BenchSettings.Streams} streams × batches of {BenchSettings.BatchSize}, {settings.Duration.TotalSeconds:0} s: dossiers/s | {full.Rate.ToString("0", inv)} |",
            $"| Outbox lag at full rate, p50 / p99 (ms) | {fullLag.P50.ToString("0", inv)} / {fullLag.P99.ToString("0", inv)} |",
            $"| Paced at half that rate ({half.Rate.ToString("0", inv)} dossiers/s achieved): outbox lag p50 / p99 (ms) | {halfLag.P50.ToString("0", inv)} / {halfLag.P99.ToString("0", inv)} |",
            $"| Plain binary COPY of {copyRows} of the same rows into an equivalent table: rows/s | {copyRate.ToString("0", inv)} |",
            $"| Ingest ÷ COPY | {(full.Rate / copyRate * 100).ToString("0.0", inv)} % |",
            $"| Rows stored / dossiers received by a consumer on the broker | {total} / {delivered} |");
    }

    private sealed record PushRun(DateTimeOffset Start, DateTimeOffset End, long Accepted)
    {
        public double Rate => Accepted / (End - Start).TotalSeconds;
    }

    private sealed record Lag(double P50, double P99);

    private static async Task<PushRun> PushAsync(GrpcChannel channel, CallOptions token, string run, TimeSpan duration, double? rate)
    {
        var method = new GrpcMethod<UpsertDossiersRequest, UpsertDossiersReply>(DossiersReflection.Descriptor.Services[0].FindMethodByName("StreamDossiers"));
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        long accepted = 0;
        // With a target rate, each stream sends its batches on a fixed schedule.
        var interval = rate is { } r ? TimeSpan.FromSeconds(BenchSettings.Streams * BenchSettings.BatchSize / r) : TimeSpan.Zero;
        await Task.WhenAll(Enumerable.Range(0, BenchSettings.Streams).Select(async stream =>
        {
            using var call = channel.DuplexStreaming(method, token);
            await using var replies = call.ReadAllAsync().GetAsyncEnumerator();
            for (var batch = 0; clock.Elapsed < duration; batch++)
            {
                var request = new UpsertDossiersRequest { BatchId = batch.ToString(CultureInfo.InvariantCulture) };
                for (var i = 0; i < BenchSettings.BatchSize; i++)
                {
                    var dossier = Template.Clone();
                    dossier.Code = $"{run}-{stream}-{batch:D6}-{i:D3}";
                    request.Dossiers.Add(dossier);
                }
                await call.RequestStream.WriteAsync(request);
                if (!await replies.MoveNextAsync())
                {
                    throw new InvalidOperationException("the stream ended early");
                }
                Interlocked.Add(ref accepted, replies.Current.Results.Count(x => x.Status == RecordStatus.Accepted));
                var due = interval * (batch + 1);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }
            }
            await call.RequestStream.CompleteAsync();
            while (await replies.MoveNextAsync())
            {
            }
        }));
        return new PushRun(start, DateTimeOffset.UtcNow, accepted);
    }

    private static async Task<Lag> LagAsync(string database, PushRun run)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at)) " +
            "FROM outbox_messages WHERE created_at BETWEEN @start AND @end", connection);
        command.Parameters.AddWithValue("start", run.Start);
        command.Parameters.AddWithValue("end", run.End);
        var seconds = (double[])(await command.ExecuteScalarAsync())!;
        return new Lag(seconds[0] * 1000, seconds[1] * 1000);
    }

    private static async Task WaitDrainedAsync(string database)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            if (await ScalarAsync(database, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") == 0)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the outbox did not drain within 120 s");
    }

    private static async Task<long> WaitDeliveredAsync(DossierCounter counter, long expected)
    {
        for (var attempt = 0; attempt < 1200 && counter.Count < expected; attempt++)
        {
            await Task.Delay(100);
        }
        return counter.Count;
    }

    private static async Task<double> CopyBaselineAsync(string database, int rows)
    {
        var kind = new DossierRecordKind(new ApplicantHasher(new SyncOptions { ApplicantHashKey = HashKey }));
        var columns = string.Join(", ", kind.Table.Columns.Select(c => c.Name));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE dossiers_copy (LIKE dossiers INCLUDING ALL)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }
        var clock = Stopwatch.StartNew();
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY dossiers_copy ({columns}) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows; i++)
            {
                var dossier = Template.Clone();
                dossier.Code = $"copy-{i:D8}";
                await importer.StartRowAsync();
                kind.WriteRow(importer, dossier);
            }
            await importer.CompleteAsync();
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    private async Task<string> CreateDatabaseAsync()
    {
        await using (var connection = new NpgsqlConnection(settings.PostgresServer))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {BenchSettings.Database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(settings.PostgresServer) { Database = BenchSettings.Database }.ConnectionString;
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static Dossier CreateTemplate()
    {
        var received = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.Zero));
        return new Dossier
        {
            SourceVersion = 1,
            ProcedureCode = "1.001234",
            Unit = new UnitRef { Code = "00004" },
            Channel = Channel.Online,
            Status = DossierStatus.InProgress,
            Applicant = new Applicant { Identifier = "001099012345", Kind = ApplicantKind.Citizen },
            ReceivedAt = received,
            DueAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 10, 6, 2, 0, 0, TimeSpan.Zero)),
            StatusHistory = { new StatusChange { Status = DossierStatus.New, At = received } },
            Fees = { new Fee { Code = "LP01", Amount = new Money { Vnd = 50_000 }, PaymentMethod = PaymentMethod.NationalPortal, PaidAt = received } },
            Components = { new Component { Code = "TP1", Digitised = true, Reused = true }, new Component { Code = "TP2", Digitised = true } },
            VneidAuthenticated = true,
        };
    }
}
