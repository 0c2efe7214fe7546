using System.Collections;

namespace Hub.Grpc;

/// <summary>
/// Custom metadata of a call: request headers, response headers or trailers. Keys are lower-case,
/// may repeat, and keep their order, as HTTP/2 header blocks do.
/// </summary>
public sealed class GrpcMetadata : IEnumerable<GrpcMetadataEntry>
{
    internal const string BinarySuffix = "-bin";

    private readonly List<GrpcMetadataEntry> _entries = [];

    public int Count => _entries.Count;

    public GrpcMetadata Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = NormalizeKey(key);
        if (IsBinaryKey(normalized))
        {
            throw new ArgumentException($"Metadata key '{key}' ends in '-bin' and must carry bytes.", nameof(key));
        }

        foreach (var c in value)
        {
            // HTTP/2 header values travel as ASCII; anything else belongs in a "-bin" entry.
            if (c < 0x20 || c > 0x7E)
            {
                throw new ArgumentException($"Metadata value for '{key}' must be printable ASCII; use a '-bin' key for other data.", nameof(value));
            }
        }

        _entries.Add(new GrpcMetadataEntry(normalized, value, null));
        return this;
    }

    public GrpcMetadata Add(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = NormalizeKey(key);
        if (!IsBinaryKey(normalized))
        {
            throw new ArgumentException($"Binary metadata key '{key}' must end in '-bin'.", nameof(key));
        }

        _entries.Add(new GrpcMetadataEntry(normalized, null, value));
        return this;
    }

    /// <summary>The last text value for the key, or null.</summary>
    public string? GetText(string key) => Find(key)?.Text;

    /// <summary>The last binary value for the key, or null.</summary>
    public byte[]? GetBytes(string key) => Find(key)?.Bytes;

    public IEnumerable<GrpcMetadataEntry> GetAll(string key)
    {
        var normalized = key.ToLowerInvariant();
        return _entries.Where(e => e.Key == normalized);
    }

    public IEnumerator<GrpcMetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.Ordinal);

    internal void AddRaw(GrpcMetadataEntry entry) => _entries.Add(entry);

    private GrpcMetadataEntry? Find(string key)
    {
        var normalized = key.ToLowerInvariant();
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Key == normalized)
            {
                return _entries[i];
            }
        }

        return null;
    }

    private static string NormalizeKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var normalized = key.ToLowerInvariant();
        foreach (var c in normalized)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
            {
                throw new ArgumentException($"Metadata key '{key}' may only hold 0-9, a-z, '-', '_' and '.'.", nameof(key));
            }
        }

        if (normalized.StartsWith("grpc-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{key}' is reserved by the gRPC protocol.", nameof(key));
        }

        return normalized;
    }
}
