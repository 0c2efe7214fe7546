using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace Hub.Grpc.Tests.Server;

/// <summary>Hand-made HTTP/2 requests, for inputs no well-behaved gRPC client would send.</summary>
internal static class RawHttp2
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });

    public static byte[] Frame(byte flag, byte[] payload, int? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)(declaredLength ?? payload.Length));
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static async Task<RawResponse> PostAsync(
        Uri address,
        string path,
        byte[] body,
        string contentType = "application/grpc",
        Version? version = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TE.ParseAdd("trailers");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await Client.SendAsync(request, cancellation.Token);
        var content = await response.Content.ReadAsByteArrayAsync(cancellation.Token);
        return new RawResponse(
            response.StatusCode,
            Header(response.Headers, "grpc-status") ?? Header(response.TrailingHeaders, "grpc-status"),
            Header(response.Headers, "grpc-message") ?? Header(response.TrailingHeaders, "grpc-message"),
            TrailersOnly: Header(response.Headers, "grpc-status") is not null,
            content);
    }

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.First() : null;
}

internal sealed record RawResponse(HttpStatusCode HttpStatus, string? GrpcStatus, string? GrpcMessage, bool TrailersOnly, byte[] Body);
