using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Hub.Scoring.Engine;
using Hub.Scoring.Periods;
using RankingKey = (string Level, Hub.Scoring.Periods.Period Period, string? Root);

namespace Hub.Scoring.Api;

/// <summary>
/// This replica's rankings, each kept with the state it was read at and the
/// <see cref="ScoreVersion"/> it was checked at. While that version holds (no round has stored
/// scores since, here or on another replica) a ranking is served as it is. Otherwise a cheap check
/// (how many scores the level has for the period and the previous one, and their newest snapshot)
/// decides whether it still holds, before the ranking query, which reads and ranks every score of
/// the level. Rounds take turns (Engine/RoundLock), so snapshots commit in id order and any change
/// to a level's scores raises one of those figures. A subtree's rows follow this replica's unit
/// tree, which changes only with a restart (and an empty cache).
/// </summary>
public sealed class RankingCache
{
    /// <summary>The meter of <see cref="ChecksCounter"/>.</summary>
    public const string MeterName = "Hub.Scoring";

    /// <summary>How often a kept ranking is checked against the database (once per version that moved, per ranking).</summary>
    public const string ChecksCounter = "hub.scoring.ranking.checks";

    // Keys are (level, period, subtree) and a commune-level ranking may hold thousands of rows; a
    // service runs for years of periods, so the cache is emptied when it grows past this.
    private const int MaxEntries = 256;

    private readonly ConcurrentDictionary<RankingKey, Entry> _entries = new();
    private readonly Dictionary<RankingKey, Check> _checks = [];
    private readonly ScoreReader _reader;
    private readonly ScoreVersion _version;
    private readonly Counter<long> _checksMade;

    public RankingCache(ScoreReader reader, ScoreVersion version, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _reader = reader;
        _version = version;
        _checksMade = meters.Create(MeterName).CreateCounter<long>(ChecksCounter, "{check}",
            "Checks of a kept ranking against the database after scores may have changed");
    }

    /// <param name="root">The caller's subtree, or null for every unit.</param>
    public async Task<StoredRanking> GetAsync(string level, Period period, string? root, CancellationToken cancellationToken)
    {
        RankingKey key = (level, period, root);
        // Read before the state: a change committed after this read raises the version, so an
        // entry stamped with it is checked again.
        var checkedAt = _version.Current;
        var entry = _entries.GetValueOrDefault(key);
        if (entry is not null && entry.CheckedAt == checkedAt && _version.Watching)
        {
            return entry.Ranking;
        }
        return await CheckOnceAsync(key, checkedAt).WaitAsync(cancellationToken);
    }

    // When the version moves, every request in flight for a ranking finds it stale at the same
    // moment; a dashboard's burst would send them all to the database. One of them checks and the
    // others wait for its answer, which was read at their version or a later one, so it is at least
    // as new as the one they would have read.
    private Task<StoredRanking> CheckOnceAsync(RankingKey key, long checkedAt)
    {
        TaskCompletionSource<StoredRanking> answer;
        Check check;
        lock (_checks)
        {
            if (_checks.TryGetValue(key, out var running) && running.CheckedAt >= checkedAt)
            {
                return running.Answer.Task;
            }
            answer = new TaskCompletionSource<StoredRanking>(TaskCreationOptions.RunContinuationsAsynchronously);
            check = new Check(checkedAt, answer);
            _checks[key] = check;
        }
        _ = AnswerAsync(key, check);
        return answer.Task;
    }

    // Not cancelled with the request that started it: others wait for the answer.
    private async Task AnswerAsync(RankingKey key, Check check)
    {
        try
        {
            check.Answer.SetResult(await ReadAsync(key, check.CheckedAt));
        }
        catch (Exception exception)
        {
            check.Answer.SetException(exception);
        }
        finally
        {
            lock (_checks)
            {
                if (_checks.TryGetValue(key, out var current) && current == check)
                {
                    _checks.Remove(key);
                }
            }
        }
    }

    private async Task<StoredRanking> ReadAsync(RankingKey key, long checkedAt)
    {
        _checksMade.Add(1);
        var entry = _entries.GetValueOrDefault(key);
        var state = await _reader.RankingStateAsync(key.Level, key.Period, CancellationToken.None);
        if (entry is not null && entry.State == state)
        {
            _entries[key] = entry with { CheckedAt = checkedAt };
            return entry.Ranking;
        }
        // Read after the state: the ranking is at least as new as the state it is kept with, so a
        // later request finds a newer state and reads again, never an older ranking under it.
        var ranking = await _reader.RankingAsync(key.Level, key.Period, key.Root, CancellationToken.None);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[key] = new Entry(state, ranking, checkedAt);
        return ranking;
    }

    private sealed record Entry(RankingState State, StoredRanking Ranking, long CheckedAt);

    private sealed record Check(long CheckedAt, TaskCompletionSource<StoredRanking> Answer);
}
