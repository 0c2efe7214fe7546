using System.Collections.Concurrent;
using Hub.Scoring.Engine;
using Hub.Scoring.Periods;

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
public sealed class RankingCache(ScoreReader reader, ScoreVersion version)
{
    // Keys are (level, period, subtree) and a commune-level ranking may hold thousands of rows; a
    // service runs for years of periods, so the cache is emptied when it grows past this.
    private const int MaxEntries = 256;

    private readonly ConcurrentDictionary<(string Level, Period Period, string? Root), Entry> _entries = new();

    /// <param name="root">The caller's subtree, or null for every unit.</param>
    public async Task<StoredRanking> GetAsync(string level, Period period, string? root, CancellationToken cancellationToken)
    {
        var key = (level, period, root);
        // Read before the state: a change committed after this read raises the version, so an
        // entry stamped with it is checked again.
        var checkedAt = version.Current;
        var entry = _entries.GetValueOrDefault(key);
        if (entry is not null && entry.CheckedAt == checkedAt && version.Watching)
        {
            return entry.Ranking;
        }
        var state = await reader.RankingStateAsync(level, period, cancellationToken);
        if (entry is not null && entry.State == state)
        {
            _entries[key] = entry with { CheckedAt = checkedAt };
            return entry.Ranking;
        }
        // Read after the state: the ranking is at least as new as the state it is kept with, so a
        // later request finds a newer state and reads again, never an older ranking under it.
        var ranking = await reader.RankingAsync(level, period, root, cancellationToken);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[key] = new Entry(state, ranking, checkedAt);
        return ranking;
    }

    private sealed record Entry(RankingState State, StoredRanking Ranking, long CheckedAt);
}
