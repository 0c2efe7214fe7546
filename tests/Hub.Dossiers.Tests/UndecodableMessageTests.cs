using System.Net;
using System.Net.Http.Headers;
using Hub.Dossiers.Tests.Infrastructure;

namespace Hub.Dossiers.Tests;

/// <summary>Bytes that are not a protobuf message end the call with an error status, before the pipeline sees anything.</summary>
public sealed class UndecodableMessageTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    [Fact]
    public async Task An_undecodable_message_is_a_call_error_and_stores_nothing()
    {
        using var http = new HttpClient();
        // One gRPC frame (flag 0, length 5) holding a truncated varint field: not decodable as any message.
        using var content = new ByteArrayContent([0, 0, 0, 0, 5, 0x08, 0xff, 0xff, 0xff, 0xff]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.Channel.Address, "/hub.dossiers.v1.DossierSync/UpsertDossiers"))
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TE.ParseAdd("trailers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Issuer.Issue("tenant-01", "01", "hub.sync"));

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        // A trailers-only response carries the status in its only header block.
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.GetValues("grpc-status").Single();

        // Hub.Grpc answers INTERNAL for an unparsable request, as the reference gRPC servers do.
        Assert.Equal("13", status);
        Assert.Equal(0, await fixture.ScalarAsync("SELECT count(*) FROM dossiers"));
    }
}
