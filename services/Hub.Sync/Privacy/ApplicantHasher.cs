using System.Security.Cryptography;
using System.Text;

namespace Hub.Sync.Privacy;

/// <summary>
/// Keyed hash of an applicant identifier (Decree 13/2023: the hub needs to tell applicants apart,
/// never who they are). HMAC rather than a plain hash: citizen ID numbers are 12 digits, so an
/// unkeyed hash could be reversed by hashing them all.
/// </summary>
public sealed class ApplicantHasher
{
    private const int MinKeyLength = 32;
    private readonly byte[] _key;

    public ApplicantHasher(SyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ApplicantHashKey.Length < MinKeyLength)
        {
            throw new InvalidOperationException(
                $"Configure {SyncOptions.Section}:ApplicantHashKey with at least {MinKeyLength} characters; applicant identifiers are stored only as HMACs under it.");
        }
        _key = Encoding.UTF8.GetBytes(options.ApplicantHashKey);
    }

    /// <summary>Lower-case hex HMAC-SHA256 of the normalised identifier; null for none.</summary>
    public string? Hash(string? identifier)
    {
        if (string.IsNullOrWhiteSpace(identifier))
        {
            return null;
        }
        var normalised = Encoding.UTF8.GetBytes(identifier.Trim().ToUpperInvariant());
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, normalised));
    }
}
