namespace Hub.ServiceDefaults.Configuration;

/// <summary>A setting the service needs is absent; the message names the key and how to set it.</summary>
public sealed class MissingConfigurationException(string message) : InvalidOperationException(message);
