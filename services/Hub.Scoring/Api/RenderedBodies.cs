using System.Collections.Concurrent;

namespace Hub.Scoring.Api;

/// <summary>
/// Response bodies already rendered, by their strong ETag. An ETag names everything a body depends
/// on (<see cref="EntityTags"/>), so a body found under it is byte for byte the one rendering would
/// give again: a dashboard polling an unchanged ranking costs a lookup, not a serialization of
/// every row.
/// </summary>
public sealed class RenderedBodies
{
    // A national commune ranking runs to megabytes, and a service runs for years of periods and
    // scopes: the bodies are dropped together once they hold this much.
    private const long MaxBytes = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, byte[]> _bodies = new(StringComparer.Ordinal);
    private long _bytes;

    public byte[] GetOrRender(string etag, Func<byte[]> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        if (_bodies.TryGetValue(etag, out var body))
        {
            return body;
        }
        body = render();
        if (Interlocked.Add(ref _bytes, body.Length) > MaxBytes)
        {
            _bodies.Clear();
            Interlocked.Exchange(ref _bytes, body.Length);
        }
        _bodies[etag] = body;
        return body;
    }
}
