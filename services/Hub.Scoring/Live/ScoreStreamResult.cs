using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Hub.Contracts.Scoring;
using Hub.Scoring.Api;
using Hub.Scoring.Periods;
using Hub.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Hub.Scoring.Live;

/// <summary>
/// A server-sent-events stream (text/event-stream) of score changes for units in
/// <paramref name="root"/>'s subtree (every unit when null), optionally of one period. Each change is
/// <c>id: snapshotId</c>, <c>event: score</c>, <c>data: ScoreChange JSON</c>; an idle stream sends a
/// comment every heartbeat interval. The stream ends when the client goes, the service stops, the
/// client falls too far behind, or the client's token expires or is revoked (it then reconnects,
/// with a fresh token for the last two).
/// </summary>
public sealed class ScoreStreamResult(ScoreFeed feed, ReferenceData reference, string? root, Period? period, ScoreStreamOptions options)
    : IResult, IEndpointMetadataProvider
{
    public const string ContentType = "text/event-stream";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var lifetime = httpContext.RequestServices.GetRequiredService<IHostApplicationLifetime>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, lifetime.ApplicationStopping);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var subscription = feed.Subscribe(Wants, options.ClientBuffer);
        try
        {
            // Sent once the subscription is in place: from here on the client misses no change.
            var retry = ((long)options.ReconnectDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            await WriteAsync(response, $"retry: {retry}\n: subscribed to {root ?? "all units"}{(period is { } p ? " for " + p : "")}\n\n", stop.Token);
            await PumpAsync(response, subscription, TokenLease.For(httpContext), stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away or the service is stopping.
        }
        finally
        {
            feed.Unsubscribe(subscription);
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ScoreChange), [ContentType]));
    }

    private bool Wants(IndicatorResult result) =>
        Enum.IsDefined((PeriodKind)result.PeriodKind)
        && (root is null || reference.Units.IsWithin(result.UnitCode, root))
        && (period is not { } p || ((int)p.Kind == result.PeriodKind && p.Start == result.PeriodStart));

    private async Task PumpAsync(HttpResponse response, ScoreFeedSubscription subscription, TokenLease lease, CancellationToken cancellationToken)
    {
        var reader = subscription.Reader;
        while (true)
        {
            if (lease.HasLapsed)
            {
                await WriteAsync(response, ": the access token expired or was revoked; reconnect with a new one\n\n", cancellationToken);
                return;
            }
            bool more;
            using (var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // Wakes at the token's expiry if that comes before the next heartbeat.
                beat.CancelAfter(TimeSpan.FromTicks(Math.Min(options.HeartbeatInterval.Ticks, lease.Remaining.Ticks + 1)));
                try
                {
                    more = await reader.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    if (!lease.HasLapsed)
                    {
                        await WriteAsync(response, ": heartbeat\n\n", cancellationToken);
                    }
                    continue;
                }
            }
            if (!more)
            {
                if (subscription.Dropped)
                {
                    await WriteAsync(response, ": dropped: the client fell behind; reconnect\n\n", cancellationToken);
                }
                return;
            }
            var text = new StringBuilder();
            while (reader.TryRead(out var result))
            {
                AppendEvent(text, result);
            }
            await WriteAsync(response, text.ToString(), cancellationToken);
        }
    }

    private void AppendEvent(StringBuilder text, IndicatorResult result)
    {
        var change = new ScoreChange(
            result.UnitCode, reference.NameOf(result.UnitCode), reference.LevelOf(result.UnitCode),
            new Period((PeriodKind)result.PeriodKind, result.PeriodStart).ToString(), PeriodKinds.Name((PeriodKind)result.PeriodKind),
            result.RuleSetVersion, ScoreRounding.Points(result.Total), result.Classification, result.SnapshotId, result.ComputedAt);
        text.Append("id: ").Append(result.SnapshotId.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: score\n")
            .Append("data: ").Append(JsonSerializer.Serialize(change, Json)).Append("\n\n");
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, Encoding.UTF8, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
