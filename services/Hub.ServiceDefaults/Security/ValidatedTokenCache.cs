using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Hub.ServiceDefaults.Security;

/// <summary>
/// Tokens this process has already validated, so that a client reusing its token for minutes (as
/// provincial systems do) pays the ES256 signature check once, not on every call. An entry never
/// outlives the token's <c>exp</c>, and the deny-list is still checked on every call.
/// </summary>
public sealed class ValidatedTokenCache : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly TimeProvider _time;

    public ValidatedTokenCache(TimeProvider time) => _time = time;

    public bool TryGet(string token, out CachedToken entry)
    {
        if (_entries.TryGetValue(Key(token), out CachedToken? found) && found is not null && found.ExpiresAt > _time.GetUtcNow())
        {
            entry = found;
            return true;
        }
        entry = null!;
        return false;
    }

    public void Add(string token, CachedToken entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.ExpiresAt > _time.GetUtcNow())
        {
            _entries.Set(Key(token), entry, new MemoryCacheEntryOptions { AbsoluteExpiration = entry.ExpiresAt, Size = 1 });
        }
    }

    public void Dispose() => _entries.Dispose();

    // A hash, not the token: the cache never holds a usable credential.
    private static string Key(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>A validated token's principal and what the deny-list needs to judge it again.</summary>
public sealed record CachedToken(ClaimsPrincipal Principal, CallerContext Caller, string? TokenId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
