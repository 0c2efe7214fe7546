using Microsoft.Extensions.Configuration;

namespace Hub.ServiceDefaults.Configuration;

/// <summary>Reads settings a service cannot start without, and says which one is missing.</summary>
public static class RequiredConfiguration
{
    public static string GetRequiredValue(this IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var variable = key.Replace(":", "__", StringComparison.Ordinal);
        throw new MissingConfigurationException(
            $"Missing required configuration '{key}'. Set it in appsettings.json or in the environment variable {variable}.");
    }

    public static string GetRequiredConnectionString(this IConfiguration configuration, string name) =>
        configuration.GetRequiredValue($"ConnectionStrings:{name}");
}
