namespace Hub.Testing;

/// <summary>A test server could not be started or stopped; the message says why and how to fix it.</summary>
public sealed class TestServerException(string message) : Exception(message);
