using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Hub.Identity.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Hub.Identity.Keys;

/// <summary>
/// The signing keys, rotated with overlap. A key signs for <see cref="IdentityOptions.SigningKeyLifetime"/>;
/// its successor is created and published <see cref="IdentityOptions.SigningKeyPublishLead"/> before
/// it takes over, and a retired key stays published until every token it signed has expired. Keys
/// live in the database (private halves protected with Data Protection), so every replica signs
/// with the same key; an advisory lock makes sure only one replica creates the next one.
/// </summary>
public sealed class SigningKeyRing(
    IServiceScopeFactory scopes,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    IOptions<IdentityOptions> options,
    ILogger<SigningKeyRing> logger) : IDisposable
{
    // An arbitrary constant naming the "key rotation" advisory lock of this database.
    private const long RotationLock = 0x4855_4249_4431;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Hub.Identity.SigningKeys.v1");
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ECDsaSecurityKey> _privateKeys = new(StringComparer.Ordinal);
    private volatile KeySet? _current;

    /// <summary>The keys now, reloaded (and rotated if due) when the last set is stale.</summary>
    public async ValueTask<KeySet> GetAsync(CancellationToken cancellationToken = default)
    {
        var set = _current;
        if (set is not null && time.GetUtcNow() < set.RefreshAt)
        {
            return set;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_current is { } fresh && now < fresh.RefreshAt)
            {
                return fresh;
            }
            _current = await LoadAsync(now, cancellationToken);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Published keys with this id, from the last loaded set (token validation is synchronous).</summary>
    public IEnumerable<SecurityKey> ValidationKeys(string? kid) =>
        (_current?.Published ?? []).Where(k => kid is null || k.Id == kid).Select(k => k.PublicKey);

    public void Dispose() => _gate.Dispose();

    private async Task<KeySet> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityContext>();
        var keys = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RotationLock})", ct);
            var live = await db.SigningKeys.Where(k => k.PublishedUntil > now).ToListAsync(ct);
            var signing = CurrentOf(live, now);
            if (signing is null)
            {
                signing = Create(now, now);
                db.SigningKeys.Add(signing);
                live.Add(signing);
            }
            if (signing.SignsUntil - now <= options.Value.SigningKeyPublishLead && !live.Any(k => k.SignsFrom >= signing.SignsUntil))
            {
                var next = Create(now, signing.SignsUntil);
                db.SigningKeys.Add(next);
                live.Add(next);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return live;
        }, cancellationToken);

        var current = CurrentOf(keys, now)!;
        var published = keys.Where(k => k.CreatedAt <= now).OrderBy(k => k.SignsFrom)
            .Select(k => new PublishedKey(k.Id, k.X, k.Y, PublicKey(k))).ToList();
        var credentials = new SigningCredentials(PrivateKey(current), SecurityAlgorithms.EcdsaSha256);
        return new KeySet(credentials, published, NextChange(keys, current, now));
    }

    private static SigningKey? CurrentOf(IEnumerable<SigningKey> keys, DateTimeOffset now) =>
        keys.Where(k => k.SignsFrom <= now && now < k.SignsUntil).MaxBy(k => k.SignsFrom);

    /// <summary>The earliest moment the set must be looked at again: a key starts or stops signing or publishing, or another replica may have rotated.</summary>
    private DateTimeOffset NextChange(IReadOnlyList<SigningKey> keys, SigningKey current, DateTimeOffset now)
    {
        var moments = new List<DateTimeOffset> { now + RefreshInterval, current.SignsUntil, current.SignsUntil - options.Value.SigningKeyPublishLead };
        moments.AddRange(keys.Select(k => k.PublishedUntil));
        moments.AddRange(keys.Select(k => k.SignsFrom));
        return moments.Where(m => m > now).Min();
    }

    private SigningKey Create(DateTimeOffset now, DateTimeOffset signsFrom)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var point = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var x = Base64Url.EncodeToString(point.X);
        var y = Base64Url.EncodeToString(point.Y);
        var signsUntil = signsFrom + options.Value.SigningKeyLifetime;
        var key = new SigningKey
        {
            Id = Thumbprint(x, y),
            CreatedAt = now,
            SignsFrom = signsFrom,
            SignsUntil = signsUntil,
            // Long enough for the last token it signs to expire, with the clock skew validators allow.
            PublishedUntil = signsUntil + options.Value.AccessTokenLifetime + options.Value.ClockSkew,
            ProtectedPrivateKey = Convert.ToBase64String(_protector.Protect(ecdsa.ExportPkcs8PrivateKey())),
            X = x,
            Y = y,
        };
        IdentityLog.SigningKeyCreated(logger, key.Id, key.SignsFrom, key.SignsUntil);
        return key;
    }

    /// <summary>The RFC 7638 JWK thumbprint: a kid that is stable and derived from the key itself.</summary>
    private static string Thumbprint(string x, string y) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""")));

    private ECDsaSecurityKey PrivateKey(SigningKey key)
    {
        if (!_privateKeys.TryGetValue(key.Id, out var securityKey))
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(_protector.Unprotect(Convert.FromBase64String(key.ProtectedPrivateKey)), out _);
            securityKey = new ECDsaSecurityKey(ecdsa) { KeyId = key.Id };
            _privateKeys[key.Id] = securityKey;
        }
        return securityKey;
    }

    private static ECDsaSecurityKey PublicKey(SigningKey key)
    {
        var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(key.X), Y = Base64Url.DecodeFromChars(key.Y) },
        });
        return new ECDsaSecurityKey(ecdsa) { KeyId = key.Id };
    }
}
