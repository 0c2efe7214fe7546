using Microsoft.Extensions.Primitives;

namespace Hub.Grpc.Protocol;

/// <summary>Moves metadata between <see cref="GrpcMetadata"/> and HTTP/2 header fields.</summary>
internal static class MetadataHeaders
{
    public static string EncodeBinary(byte[] value) =>
        // The protocol asks senders for unpadded base64 and receivers to accept both forms.
        Convert.ToBase64String(value).TrimEnd('=');

    public static byte[] DecodeBinary(string value)
    {
        var trimmed = value.Trim().TrimEnd('=');
        var padded = trimmed.PadRight(trimmed.Length + ((4 - (trimmed.Length % 4)) % 4), '=');
        return Convert.FromBase64String(padded);
    }

    public static string ToHeaderValue(GrpcMetadataEntry entry) =>
        entry.Bytes is { } bytes ? EncodeBinary(bytes) : entry.Text!;

    /// <summary>Adds one received header to the metadata, skipping protocol headers and undecodable binary values.</summary>
    public static void AddReceived(GrpcMetadata metadata, string name, StringValues values)
    {
        if (GrpcHeaders.IsReserved(name))
        {
            return;
        }

        var key = name.ToLowerInvariant();
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (GrpcMetadata.IsBinaryKey(key))
            {
                // Several binary values may arrive joined by commas in one field.
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (TryDecodeBinary(part, out var bytes))
                    {
                        metadata.AddRaw(new GrpcMetadataEntry(key, null, bytes));
                    }
                }
            }
            else
            {
                metadata.AddRaw(new GrpcMetadataEntry(key, value, null));
            }
        }
    }

    private static bool TryDecodeBinary(string value, out byte[] bytes)
    {
        try
        {
            bytes = DecodeBinary(value);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
