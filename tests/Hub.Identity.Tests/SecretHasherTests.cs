using System.Buffers.Text;
using Hub.Identity.Clients;

namespace Hub.Identity.Tests;

public sealed class SecretHasherTests
{
    [Fact]
    public void Secrets_carry_256_random_bits_and_the_same_secret_hashes_differently_each_time()
    {
        var secret = SecretHasher.NewSecret();
        Assert.Equal(32, Base64Url.DecodeFromChars(secret).Length);
        Assert.NotEqual(secret, SecretHasher.NewSecret());

        var first = SecretHasher.Hash(secret);
        var second = SecretHasher.Hash(secret);
        Assert.NotEqual(first.Salt, second.Salt);
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.True(SecretHasher.Verify(secret, first.Salt, first.Hash));
        Assert.True(SecretHasher.Verify(secret, second.Salt, second.Hash));
        Assert.False(SecretHasher.Verify(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'), first.Salt, first.Hash));
        Assert.False(SecretHasher.Verify(secret, second.Salt, first.Hash));
        Assert.False(SecretHasher.Verify(secret, first.Salt, "not base64"));
    }
}
