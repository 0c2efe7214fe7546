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
/// A full-rate push directly to the dossier service (the baseline), then the same through the
/// gateway, then a push through the gateway paced at half its rate; outbox lag for each (commit →
/// broker confirm, from the outbox rows' own timestamps); then a plain binary COPY of the same rows
/// into an equivalent table in the same database, as large as the one the gateway's run found: the
/// physical limit (and, for comparison, the same COPY into an empty one).
/// </summary>
public sealed class IngestBenchmark(BenchSettings settings)
{
    private const string HashKey = "bench-only-applicant-hash-key-0123456789";
    private static readonly Dossier Template = CreateTemplate();

    public async Task<string> RunAsync()
    {
        var database = await BenchDatabase.CreateAsync(settings.PostgresServer, BenchSettings.Database);
        using var issuer = new TestTokenIssuer();
        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__RabbitMQ"] = settings.RabbitMq.ToString(),
            ["Hub__Auth__Issuer"] = issuer.Issuer,
            ["Hub__Auth__Jwks"] = issuer.JwksJson,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var port = FreePort.Next();
        await using var counter = await DossierCounter.StartAsync(settings.RabbitMq);
        await using var service = await ServiceProcess.StartAsync(settings.ServiceDll, new Dictionary<string, string>(common)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Postgres"] = database,
            ["Hub__ServiceName"] = "bench-dossiers",
            ["Sync__ApplicantHashKey"] = HashKey,
        }, port);
        var (gatewayProcess, _, gatewayGrpc) = await GatewayProcess.StartAsync(settings.GatewayDll, common,
            new Dictionary<string, string> { ["dossiers"] = $"http://127.0.0.1:{port}" });
        await using var gatewayService = gatewayProcess;
        using var direct = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        using var gateway = GrpcChannel.ForAddress(gatewayGrpc);
        // One token for the whole run, valid for both paths: the gateway and the service trust the same issuer.
        var token = new CallOptions { BearerToken = issuer.Issue(new TestToken("tenant-01", "01", ["hub.sync"]) { Lifetime = TimeSpan.FromHours(2) }) };

        // Direct first: the table only grows, so the gateway's run inserts into the larger table
        // and its share is not flattered by the order.
        // A warm-up on each path (JIT, connections, the tables' first pages and autovacuum rounds),
        // its outbox drained, or the relay's backlog would run into the first measured run.
        await PushAsync(gateway, token, "warmup-gateway", TimeSpan.FromSeconds(10), null);
        await PushAsync(direct, token, "warmup-direct", TimeSpan.FromSeconds(10), null);
        await WaitDrainedAsync(database);
        var straight = await PushAsync(direct, token, "direct", settings.Duration, null);
        await WaitDrainedAsync(database);
        var straightLag = await LagAsync(database, straight);
        var found = await ScalarAsync(database, "SELECT count(*) FROM dossiers");
        var full = await PushAsync(gateway, token, "gateway", settings.Duration, null);
        await WaitDrainedAsync(database);
        var fullLag = await LagAsync(database, full);
        var half = await PushAsync(gateway, token, "half", settings.Duration / 2, full.Rate / 2);
        await WaitDrainedAsync(database);
        var halfLag = await LagAsync(database, half);
        var total = await ScalarAsync(database, "SELECT count(*) FROM dossiers");
        var delivered = await WaitDeliveredAsync(counter, total);
        var copyRows = (int)Math.Min(full.Accepted, 1_000_000);
        var emptyCopyRate = await CopyBaselineAsync(database, "dossiers_copy_empty", copyRows, 0);
        var copyRate = await CopyBaselineAsync(database, "dossiers_copy", copyRows, found);

        var inv = CultureInfo.InvariantCulture;
        var ofCopy = full.Rate / copyRate * 100;
        var met = (bool yes) => yes ? "**met**" : "**not met**";
        var seconds = settings.Duration.TotalSeconds.ToString("0", inv);
        return string.Join('\n',
            $"| Through the gateway, full rate, {BenchSettings.Streams} streams × batches of {BenchSettings.BatchSize}, {seconds} s: dossiers/s | {full.Rate.ToString("0", inv)} |",
            $"| Outbox lag at that rate, p50 / p99 (ms) | {fullLag.P50.ToString("0", inv)} / {fullLag.P99.ToString("0", inv)} |",
            $"| Direct to the dossier service (baseline), same streams and batches, {seconds} s: dossiers/s | {straight.Rate.ToString("0", inv)} |",
            $"| Outbox lag at that rate, p50 / p99 (ms) | {straightLag.P50.ToString("0", inv)} / {straightLag.P99.ToString("0", inv)} |",
            $"| Through the gateway paced at half its full rate ({half.Rate.ToString("0", inv)} dossiers/s achieved, {(settings.Duration / 2).TotalSeconds.ToString("0", inv)} s): outbox lag p50 / p99 (ms) | {halfLag.P50.ToString("0", inv)} / {halfLag.P99.ToString("0", inv)} |",
            $"| Plain binary COPY of {copyRows} of the same rows into an equivalent table holding as many rows as the gateway run found ({found}): rows/s | {copyRate.ToString("0", inv)} |",
            $"| Through the gateway ÷ COPY | {ofCopy.ToString("0.0", inv)} % |",
            $"| The same COPY into an empty equivalent table: rows/s; through the gateway ÷ that COPY | {emptyCopyRate.ToString("0", inv)}; {(full.Rate / emptyCopyRate * 100).ToString("0.0", inv)} % |",
            $"| Through the gateway ÷ direct | {(full.Rate / straight.Rate * 100).ToString("0.0", inv)} % |",
            $"| Bulk streams that failed: through the gateway / direct / paced (of {BenchSettings.Streams} each) | {full.FailedStreams} / {straight.FailedStreams} / {half.FailedStreams} |",
            $"| Rows stored / dossiers received by a consumer on the broker | {total} / {delivered} |",
            "",
            $"Targets: at least 20,000 dossiers/s through the gateway and at least 25 % of the COPY rate: {met(full.Rate >= 20_000 && ofCopy >= 25)} " +
            $"({full.Rate.ToString("N0", inv)} dossiers/s, {ofCopy.ToString("0.0", inv)} %). Outbox lag p99 under 1 s at half that load: {met(halfLag.P99 < 1000)} " +
            $"({halfLag.P99.ToString("N0", inv)} ms).");
    }

    private sealed record PushRun(DateTimeOffset Start, DateTimeOffset End, long Accepted, int FailedStreams)
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
        var failed = 0;
        // With a target rate, each stream sends its batches on a fixed schedule.
        var interval = rate is { } r ? TimeSpan.FromSeconds(BenchSettings.Streams * BenchSettings.BatchSize / r) : TimeSpan.Zero;
        await Task.WhenAll(Enumerable.Range(0, BenchSettings.Streams).Select(async stream =>
        {
            try
            {
                await StreamAsync(stream);
            }
            catch (Exception failure) when (failure is Hub.Grpc.GrpcCallException or InvalidOperationException or IOException or HttpRequestException)
            {
                // Reported with the figures: a cut stream is a finding, and the others' figures still stand.
                Interlocked.Increment(ref failed);
                await Console.Error.WriteLineAsync($"ingest bench: {run} stream {stream} failed after {clock.Elapsed.TotalSeconds:0.0} s: {failure.Message}");
            }
        }));
        return new PushRun(start, DateTimeOffset.UtcNow, accepted, failed);

        async Task StreamAsync(int stream)
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
        }
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

    /// <summary>
    /// The COPY of <paramref name="rows"/> rows into a new copy of the dossiers table (its indexes
    /// included) that first gets <paramref name="filled"/> of the stored rows: a table as large as
    /// the one a push ran into has deeper indexes and a larger working set, so the limit it is
    /// compared with is taken at the same size. The filling is not timed, and is written out by a
    /// checkpoint before the timed COPY.
    /// </summary>
    private static async Task<double> CopyBaselineAsync(string database, string table, int rows, long filled)
    {
        var kind = new DossierRecordKind(new ApplicantHasher(new SyncOptions { ApplicantHashKey = HashKey }));
        var columns = string.Join(", ", kind.Table.Columns.Select(c => c.Name));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            $"CREATE TABLE {table} (LIKE dossiers INCLUDING ALL)",
            $"INSERT INTO {table} SELECT * FROM dossiers LIMIT {filled}",
            $"VACUUM ANALYZE {table}",
            "CHECKPOINT",
        })
        {
            await using var prepare = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await prepare.ExecuteNonQueryAsync();
        }
        var clock = Stopwatch.StartNew();
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows; i++)
            {
                var dossier = Template.Clone();
                dossier.Code = $"{table}-{i:D8}";
                await importer.StartRowAsync();
                kind.WriteRow(importer, kind.ToStored(dossier));
            }
            await importer.CompleteAsync();
        }
        return rows / clock.Elapsed.TotalSeconds;
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
