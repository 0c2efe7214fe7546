using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hub.Identity.Bootstrap;
using Hub.Identity.Data;
using Hub.ServiceDefaults.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Identity.Tests;

/// <summary>Identity as in production: the key ring encrypted with a certificate from the secret store.</summary>
public sealed class ProductionIdentityService : IdentityService
{
    private const string Password = "key-ring-tests";
    private readonly string _certificate = Path.Combine(Path.GetTempPath(), $"hub-key-ring-{Guid.NewGuid():N}.pfx");

    protected override void Configure(IDictionary<string, string?> settings)
    {
        if (!File.Exists(_certificate))
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=hub-identity-key-ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllBytes(_certificate, certificate.Export(X509ContentType.Pfx, Password));
        }
        settings["environment"] = "Production";
        settings[Extensions.KeyEncryptionCertificate] = _certificate;
        settings[Extensions.KeyEncryptionCertificate + "Password"] = Password;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_certificate);
    }
}

public sealed class KeyRingProtectionTests(ProductionIdentityService service) : IClassFixture<ProductionIdentityService>
{
    [Fact]
    public async Task With_a_certificate_the_key_ring_in_the_database_is_encrypted_and_tokens_are_issued()
    {
        var token = await service.TokenAsync(OperatorBootstrapper.AdminClient, service.AdminSecret);
        Assert.NotEmpty(token);

        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityContext>();
        var ring = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(ring);
        Assert.All(ring, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Outside_development_identity_does_not_start_without_a_key_encryption_certificate()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("environment", "Production");
            web.UseSetting("ConnectionStrings:Postgres", "Host=127.0.0.1;Port=1;Database=unused;Username=unused");
            web.UseSetting("ConnectionStrings:RabbitMQ", "amqp://127.0.0.1:1/");
            web.UseSetting("Hub:ServiceName", "identity-tests");
        });

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var missing = Assert.IsType<MissingConfigurationException>(refused.GetBaseException());
        Assert.Contains(Extensions.KeyEncryptionCertificate, missing.Message, StringComparison.Ordinal);
    }
}
