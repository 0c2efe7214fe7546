namespace Hub.Grpc;

/// <summary>One metadata pair. Keys ending in "-bin" carry bytes (base64 on the wire); others carry ASCII text.</summary>
public sealed record GrpcMetadataEntry
{
    internal GrpcMetadataEntry(string key, string? text, byte[]? bytes)
    {
        Key = key;
        Text = text;
        Bytes = bytes;
    }

    public string Key { get; }

    /// <summary>The value of a text entry; null for a binary one.</summary>
    public string? Text { get; }

    /// <summary>The value of a binary ("-bin") entry; null for a text one.</summary>
    public byte[]? Bytes { get; }

    public bool IsBinary => Bytes is not null;
}
