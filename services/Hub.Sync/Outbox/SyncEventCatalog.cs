using System.Reflection;
using System.Text.Json;
using Hub.Contracts.Sync;
using MassTransit;

namespace Hub.Sync.Outbox;

/// <summary>
/// Maps the sync events of Hub.Contracts to their message URNs and back, so an outbox row names
/// its contract by the same stable URN consumers see, never by a CLR type name.
/// </summary>
public static class SyncEventCatalog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> ByUrn = typeof(DossiersChanged).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(DossiersChanged).Namespace && t.GetCustomAttribute<MessageUrnAttribute>() is not null)
        .ToDictionary(t => t.GetCustomAttribute<MessageUrnAttribute>()!.Urn.ToString(), t => t, StringComparer.Ordinal);

    private static readonly Dictionary<Type, string> ByType = ByUrn.ToDictionary(p => p.Value, p => p.Key);

    public static string UrnOf(Type type) =>
        ByType.TryGetValue(type, out var urn) ? urn : throw new InvalidOperationException($"{type} is not a sync event with a [MessageUrn].");

    public static Type TypeOf(string urn) =>
        ByUrn.TryGetValue(urn, out var type) ? type : throw new InvalidOperationException($"No sync event has the URN {urn}.");
}
