using System.Buffers;
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
    private const int StackLimit = 8192;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly TimeProvider _time;

    public ValidatedTokenCache(TimeProvider time) => _time = time;

    public bool TryGet(ReadOnlySpan<char> token, out CachedToken entry)
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

    // A hash, not the token: the cache never holds a usable credential. Hashed from the caller's
    // header without copying it: a token is a kilobyte or more, and this runs on every call.
    private static string Key(ReadOnlySpan<char> token)
    {
        var size = Encoding.UTF8.GetMaxByteCount(token.Length);
        var rented = size > StackLimit ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            Span<byte> utf8 = rented is not null ? rented : stackalloc byte[size];
            var length = Encoding.UTF8.GetBytes(token, utf8);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..length], hash);
            return Convert.ToHexString(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

/// <summary>A validated token's principal and what the deny-list needs to judge it again.</summary>
public sealed record CachedToken(ClaimsPrincipal Principal, CallerContext Caller, string? TokenId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
