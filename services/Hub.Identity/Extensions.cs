using System.Security.Cryptography.X509Certificates;
using Hub.Identity.Admin;
using Hub.Identity.Audit;
using Hub.Identity.Bootstrap;
using Hub.Identity.Clients;
using Hub.Identity.Keys;
using Hub.Outbox;
using Hub.Identity.Revocation;
using Hub.Identity.Tenants;
using Hub.Identity.Tokens;
using Hub.Identity.Units;
using Hub.ServiceDefaults.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Identity;

public static class Extensions
{
    public const string KeyEncryptionCertificate = "Hub:Identity:KeyEncryptionCertificate";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IdentityOptions>().Bind(builder.Configuration.GetSection(IdentityOptions.Section))
            .Validate(o => o.DenyListReader.IsValid,
                $"{IdentityOptions.Section}:DenyListReader:Secret must be at least {DenyListReaderOptions.MinSecretLength} characters (32 random bytes in base64url)")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        // The key ring that protects the signing keys lives in the database, like the keys themselves.
        // Outside development the ring is encrypted too (a certificate from the secret store), or a
        // copy of the database alone would be enough to unprotect the signing keys and forge tokens.
        var dataProtection = services.AddDataProtection().SetApplicationName("hub-identity");
        var certificate = builder.Configuration[KeyEncryptionCertificate];
        if (!string.IsNullOrEmpty(certificate))
        {
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(
                certificate, builder.Configuration[KeyEncryptionCertificate + "Password"]));
        }
        else if (!builder.Environment.IsDevelopment())
        {
            throw new MissingConfigurationException(
                $"{KeyEncryptionCertificate} (a PKCS#12 file) is required outside Development: without it the key ring " +
                "that protects the signing keys would be stored unencrypted in the database.");
        }
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(
            management => management.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<IServiceScopeFactory>())));

        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<AccessTokenReader>();
        services.AddSingleton<AuthenticationThrottle>();
        services.AddSingleton<ClientSecretFactory>();
        services.TryAddSingleton<BootstrapOutput>();
        services.AddSingleton<ClientAuthenticator>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<DenyList>();
        services.AddHostedService<OperatorBootstrapper>();
        builder.AddHubOutbox();

        services.AddAdminAuthentication();
        services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapIdentityApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapDiscoveryApi();
        app.MapTokenApi();
        app.MapDenyListApi();
        app.MapUnitsApi();
        app.MapTenantsApi();
        app.MapClientsApi();
        app.MapSecretsApi();
        app.MapAuditApi();
        return app;
    }
}
