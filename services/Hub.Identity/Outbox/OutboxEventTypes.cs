using Hub.Contracts.Identity;

namespace Hub.Identity.Outbox;

/// <summary>The events this service may write to its outbox, by the name stored with each row.</summary>
public static class OutboxEventTypes
{
    private static readonly Dictionary<string, Type> Types = new Type[]
    {
        typeof(ClientDisabled), typeof(ClientEnabled), typeof(ClientSecretRevoked), typeof(TokenRevoked),
    }.ToDictionary(t => t.FullName!, StringComparer.Ordinal);

    public static Type Resolve(string name) =>
        Types.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"Unknown outbox event type '{name}'.");

    public static string NameOf(Type type) =>
        Types.ContainsKey(type.FullName!) ? type.FullName! : throw new InvalidOperationException($"'{type}' is not an identity event.");
}
