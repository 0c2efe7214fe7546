using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Hub.Common.V1;
using Hub.Dossiers.V1;
using Hub.Grpc.Client;

namespace Hub.Bench.Scoring;

/// <summary>
/// (a) Freshness: while a background load pushes dossiers of province 01 through the gateway's bulk
/// stream at a fixed rate, one probe dossier at a time is pushed for commune 26734 (province 79); the
/// time from its acknowledgement to the commune's score over REST (through the gateway) counting it
/// is one sample.
/// </summary>
public sealed class FreshnessProbe(BenchHub hub, RigSettings settings)
{
    private const int BatchSize = 500;
    private const int Streams = 2;
    private const string ProbeUnit = "26734";

    // The services start cold: in the first half minute of load their code is still being compiled
    // to its optimised form, and probes then took about half as long again as later ones (up to 2.3 s).
    // Probes in that time are reported on a row of their own, not counted with the others.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);

    public async Task<string> RunAsync()
    {
        var baseline = await ReceivedAsync();
        using var stop = new CancellationTokenSource();
        var load = Task.Run(() => LoadAsync(stop.Token));
        var loading = Stopwatch.StartNew();
        var (warmUp, samples) = (new List<ProbeSample>(), new List<ProbeSample>());
        var probe = 0;
        while (loading.Elapsed < WarmUp)
        {
            warmUp.Add(await ProbeAsync(++probe, baseline));
        }
        while (samples.Count < settings.Probes)
        {
            samples.Add(await ProbeAsync(++probe, baseline));
        }
        await stop.CancelAsync();
        var (pushed, seconds) = await load;
        var inv = CultureInfo.InvariantCulture;
        return string.Join('\n', new[]
        {
            string.Create(inv, $"| Background load through the gateway (bulk stream, {Streams} streams × batches of {BatchSize}, paced at {settings.LoadRate:0}/s): dossiers/s achieved | {pushed / seconds:0} (load streams that failed: {_failedStreams} of {Streams}) |"),
            LatencyRow.Of($"Freshness in the first {WarmUp.TotalSeconds:0} s of load, the services just started (warm-up, not counted), {warmUp.Count} probes", warmUp.Select(s => s.Milliseconds)),
            LatencyRow.Of($"Freshness, push acknowledged → score visible over REST through the gateway, {samples.Count} probes after the warm-up", samples.Select(s => s.Milliseconds)),
        }.Concat(await ProbeTimeline.RowsAsync(hub, ProbeUnit, samples)));
    }

    /// <summary>Pushes probe <paramref name="i"/>, then reads the commune's score until it counts it; a pause follows.</summary>
    private async Task<ProbeSample> ProbeAsync(int i, double baseline)
    {
        var code = $"79-PROBE-{i:D5}";
        await PushProbeAsync(i, code);
        var acknowledged = DateTimeOffset.UtcNow;
        while (await ReceivedAsync() < baseline + i)
        {
            if (DateTimeOffset.UtcNow - acknowledged > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"probe {i} not visible after 60 s");
            }
            await Task.Delay(10);
        }
        var sample = new ProbeSample(code, baseline + i, acknowledged, DateTimeOffset.UtcNow);
        await Task.Delay(200);
        return sample;
    }

    private async Task<double> ReceivedAsync()
    {
        using var response = await hub.Http.GetAsync(new Uri(hub.GatewayRest, $"api/v1/scores/units/{ProbeUnit}?period={hub.Month}"));
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return FindCounter(json.RootElement, "dossiers_received") ?? 0;
    }

    /// <summary>The numerator of the first criterion that counts <paramref name="name"/> (DOSSIER_SYNC counts dossiers received).</summary>
    private static double? FindCounter(JsonElement breakdown, string name) =>
        breakdown.GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("criteria").EnumerateArray())
            .Where(c => c.GetProperty("numeratorCounter").GetString() == name)
            .Select(c => (double?)c.GetProperty("numerator").GetDouble())
            .FirstOrDefault();

    private async Task PushProbeAsync(int i, string code)
    {
        var method = new GrpcMethod<UpsertDossiersRequest, UpsertDossiersReply>(DossiersReflection.Descriptor.Services[0].FindMethodByName("UpsertDossiers"));
        var request = new UpsertDossiersRequest { BatchId = $"probe-{i}" };
        request.Dossiers.Add(Dossier(code, ProbeUnit));
        var reply = await hub.GatewayGrpc.UnaryAsync(method, request, hub.Province79);
        if (reply.Results.Single().Status != RecordStatus.Accepted)
        {
            throw new InvalidOperationException($"probe {i} was not accepted: {reply.Results.Single()}");
        }
    }

    private async Task<(long Pushed, double Seconds)> LoadAsync(CancellationToken stop)
    {
        var method = new GrpcMethod<UpsertDossiersRequest, UpsertDossiersReply>(DossiersReflection.Descriptor.Services[0].FindMethodByName("StreamDossiers"));
        var interval = TimeSpan.FromSeconds(Streams * BatchSize / settings.LoadRate);
        var clock = Stopwatch.StartNew();
        long pushed = 0;
        await Task.WhenAll(Enumerable.Range(0, Streams).Select(async stream =>
        {
            try
            {
                await StreamLoadAsync(stream);
            }
            catch (Hub.Grpc.GrpcCallException failure)
            {
                // Reported with the figures: a failed load stream is a finding, not a reason to lose the probes.
                Interlocked.Increment(ref _failedStreams);
                await Console.Error.WriteLineAsync($"load stream {stream} failed: {failure.Message}");
            }
        }));
        return (pushed, clock.Elapsed.TotalSeconds);

        async Task StreamLoadAsync(int stream)
        {
            using var call = hub.GatewayGrpc.DuplexStreaming(method, hub.Province01);
            await using var replies = call.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                var request = new UpsertDossiersRequest { BatchId = batch.ToString(CultureInfo.InvariantCulture) };
                for (var i = 0; i < BatchSize; i++)
                {
                    request.Dossiers.Add(Dossier($"01-LOAD-{stream}-{batch:D6}-{i:D3}", "00004"));
                }
                await call.RequestStream.WriteAsync(request, CancellationToken.None);
                if (!await replies.MoveNextAsync())
                {
                    throw new InvalidOperationException("the load stream ended early");
                }
                Interlocked.Add(ref pushed, replies.Current.Results.Count(r => r.Status == RecordStatus.Accepted));
                var due = interval * (batch + 1);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, CancellationToken.None);
                }
            }
            await call.RequestStream.CompleteAsync();
            while (await replies.MoveNextAsync())
            {
            }
        }
    }

    private int _failedStreams;

    private static Dossier Dossier(string code, string unit)
    {
        var received = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-5));
        return new Dossier
        {
            Code = code,
            SourceVersion = 1,
            ProcedureCode = "1.001234",
            Unit = new UnitRef { Code = unit },
            Channel = Channel.Online,
            Status = DossierStatus.InProgress,
            Applicant = new Applicant { Identifier = "001099012345", Kind = ApplicantKind.Citizen },
            ReceivedAt = received,
            DueAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(5)),
            StatusHistory = { new StatusChange { Status = DossierStatus.New, At = received } },
            Components = { new Component { Code = "TP1", Digitised = true } },
        };
    }
}
