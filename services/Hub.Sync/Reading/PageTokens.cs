using System.Buffers.Text;
using System.Text;
using Hub.Grpc;

namespace Hub.Sync.Reading;

/// <summary>Keyset page tokens: the last key of the previous page, opaque to clients.</summary>
public static class PageTokens
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static string Encode(string lastKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastKey));

    public static string Decode(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return "";
        }
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new GrpcCallException(GrpcStatusCode.InvalidArgument, "page_token is not a token from a previous reply.");
        }
    }

    public static int Size(int requested) => requested <= 0 ? DefaultPageSize : Math.Min(requested, MaxPageSize);
}
