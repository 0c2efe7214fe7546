using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Hub.Identity.Tokens;

/// <summary>
/// Brute-force protection for client authentication. Failures are counted per (client id, source
/// address) and per source address; past a threshold the caller is paused with an exponential
/// backoff. The client id itself is never locked globally: an attacker guessing a province's
/// secret from their own address slows only themselves, and the province's systems, from their own
/// addresses, keep getting tokens. State is per replica and in memory, which is enough to make
/// online guessing of a 256-bit secret pointless.
/// </summary>
public sealed class AuthenticationThrottle(TimeProvider time, IOptions<IdentityOptions> options)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait, or null if it may try now.</summary>
    public TimeSpan? RetryAfter(string clientId, string address)
    {
        var now = time.GetUtcNow();
        var wait = new[] { Wait(PairKey(clientId, address), now), Wait(AddressKey(address), now) }.Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void RecordFailure(string clientId, string address)
    {
        var settings = options.Value.BruteForce;
        var now = time.GetUtcNow();
        if (_failures.Count > MaxEntries)
        {
            Prune(now);
        }
        Count(PairKey(clientId, address), settings.FailuresPerClientAndAddress, now);
        Count(AddressKey(address), settings.FailuresPerAddress, now);
    }

    /// <summary>A success clears the pair's failures; the address's count stays, so one valid client cannot launder guesses at others.</summary>
    public void RecordSuccess(string clientId, string address) => _failures.TryRemove(PairKey(clientId, address), out _);

    private static string PairKey(string clientId, string address) => $"c\n{clientId}\n{address}";

    private static string AddressKey(string address) => $"a\n{address}";

    private TimeSpan Wait(string key, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var failures) && failures.BlockedUntil > now ? failures.BlockedUntil - now : TimeSpan.Zero;

    private void Count(string key, int threshold, DateTimeOffset now)
    {
        var settings = options.Value.BruteForce;
        _failures.AddOrUpdate(
            key,
            _ => Failures.First(now, threshold, settings.MaxBackoff),
            (_, previous) => now - previous.Last > settings.Window
                ? Failures.First(now, threshold, settings.MaxBackoff)
                : previous.Next(now, threshold, settings.MaxBackoff));
    }

    private void Prune(DateTimeOffset now)
    {
        var window = options.Value.BruteForce.Window;
        foreach (var (key, failures) in _failures)
        {
            if (now - failures.Last > window && failures.BlockedUntil <= now)
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    private sealed record Failures(int Count, DateTimeOffset Last, DateTimeOffset BlockedUntil)
    {
        public static Failures First(DateTimeOffset now, int threshold, TimeSpan max) => new Failures(0, now, now).Next(now, threshold, max);

        /// <summary>From the threshold on, each failure doubles the pause: 1 s, 2 s, 4 s … up to the maximum.</summary>
        public Failures Next(DateTimeOffset now, int threshold, TimeSpan max)
        {
            var count = Count + 1;
            if (count < threshold)
            {
                return new Failures(count, now, BlockedUntil);
            }
            var seconds = Math.Min(Math.Pow(2, Math.Min(count - threshold, 30)), max.TotalSeconds);
            return new Failures(count, now, now + TimeSpan.FromSeconds(seconds));
        }
    }
}
