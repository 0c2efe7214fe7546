namespace Hub.Grpc.Compression;

/// <summary>The encodings this transport speaks, and the negotiation over grpc-encoding / grpc-accept-encoding.</summary>
internal static class MessageCodecs
{
    public const string Identity = "identity";

    /// <summary>The value sent in grpc-accept-encoding.</summary>
    public const string AcceptEncoding = "identity,gzip";

    /// <summary>Looks up a grpc-encoding value; identity (or no header) is a known encoding with no codec.</summary>
    public static bool TryGet(string? name, out IMessageCodec? codec)
    {
        codec = null;
        if (string.IsNullOrEmpty(name) || name.Equals(Identity, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (name.Equals(GzipCodec.Instance.Name, StringComparison.OrdinalIgnoreCase))
        {
            codec = GzipCodec.Instance;
            return true;
        }

        return false;
    }

    /// <summary>True when the peer's grpc-accept-encoding lists <paramref name="name"/>.</summary>
    public static bool IsAccepted(string? acceptEncoding, string name)
    {
        if (string.IsNullOrEmpty(acceptEncoding))
        {
            return false;
        }

        foreach (var part in acceptEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
