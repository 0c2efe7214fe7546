using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Hub.Identity.Clients;

/// <summary>
/// Makes and checks client secrets.
/// <para>
/// A secret is 32 random bytes from the OS CSPRNG (256 bits), shown once in base64url. It is kept
/// as HMAC-SHA256(key: a random 128-bit per-secret salt, message: the secret). A slow password
/// hash (PBKDF2, Argon2) exists to make guessing low-entropy human passwords expensive; a 256-bit
/// random secret cannot be guessed at any speed, so iterations would only make every token request
/// slower (and the token endpoint a cheaper denial-of-service target) without adding security. The
/// salt makes equal secrets hash differently and rules out precomputed tables; the comparison is
/// constant-time so response times reveal nothing about how much of a hash matched.
/// </para>
/// </summary>
public static class SecretHasher
{
    private const int SecretBytes = 32;
    private const int SaltBytes = 16;
    public const int PrefixLength = 6;

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static (string Salt, string Hash) Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return (Convert.ToBase64String(salt), Convert.ToBase64String(Compute(salt, secret)));
    }

    public static bool Verify(string secret, string salt, string hash)
    {
        Span<byte> expected = stackalloc byte[32];
        if (!Convert.TryFromBase64String(hash, expected, out var written) || written != expected.Length)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Compute(Convert.FromBase64String(salt), secret), expected);
    }

    private static byte[] Compute(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));
}
