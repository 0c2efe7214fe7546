using System.Reflection;
using System.Text.Json;
using Hub.Contracts.Identity;
using MassTransit;

namespace Hub.Outbox;

/// <summary>
/// Maps the events of Hub.Contracts to their message URNs and back, so an outbox row names its
/// contract by the same stable URN consumers see, never by a CLR type name that a refactoring
/// could change under rows still waiting to be sent.
/// </summary>
public static class EventCatalog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> ByUrn = typeof(ClientDisabled).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<MessageUrnAttribute>() is not null)
        .ToDictionary(t => t.GetCustomAttribute<MessageUrnAttribute>()!.Urn.ToString(), t => t, StringComparer.Ordinal);

    private static readonly Dictionary<Type, string> ByType = ByUrn.ToDictionary(p => p.Value, p => p.Key);

    public static string UrnOf(Type type) =>
        ByType.TryGetValue(type, out var urn) ? urn : throw new InvalidOperationException($"{type} is not an event of Hub.Contracts with a [MessageUrn].");

    public static Type TypeOf(string urn) =>
        ByUrn.TryGetValue(urn, out var type) ? type : throw new InvalidOperationException($"No event of Hub.Contracts has the URN {urn}.");
}
