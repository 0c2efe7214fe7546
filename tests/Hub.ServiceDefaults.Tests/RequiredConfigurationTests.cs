using Hub.ServiceDefaults.Configuration;
using Hub.ServiceDefaults.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Hub.ServiceDefaults.Tests;

public sealed class RequiredConfigurationTests
{
    [Fact]
    public void A_missing_setting_names_the_key_and_its_environment_variable()
    {
        var configuration = new ConfigurationBuilder().Build();

        var error = Assert.Throws<MissingConfigurationException>(() => configuration.GetRequiredValue("Hub:Identity:Issuer"));

        Assert.Contains("'Hub:Identity:Issuer'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Hub__Identity__Issuer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_present_setting_is_returned()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:RabbitMQ"] = "amqp://localhost" })
            .Build();

        Assert.Equal("amqp://localhost", configuration.GetRequiredConnectionString("RabbitMQ"));
    }

    [Fact]
    public void A_service_without_its_database_setting_refuses_to_start_and_says_which()
    {
        // No environment or appsettings: exactly what a fresh machine without configuration has.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        var error = Assert.Throws<MissingConfigurationException>(() => builder.AddHubDbContext<SampleContext>());

        Assert.Contains("ConnectionStrings__Postgres", error.Message, StringComparison.Ordinal);
    }
}
