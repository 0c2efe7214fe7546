using System.Net.Http.Headers;

namespace Hub.Scoring.Tests.Api;

/// <summary>A client of a text/event-stream response: reads it block by block (events and comments).</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    public static async Task<SseClient> OpenAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        return new SseClient(response, reader);
    }

    /// <summary>The next block up to a blank line, or null when the stream ended.</summary>
    public async Task<ServerSentBlock?> ReadAsync(CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var comments = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return null;
            }
            if (line.Length == 0)
            {
                if (fields.Count == 0 && comments.Count == 0)
                {
                    continue;
                }
                return new ServerSentBlock(fields, comments);
            }
            if (line.StartsWith(':'))
            {
                comments.Add(line[1..].Trim());
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            fields.Add(colon < 0 ? new(line, "") : new(line[..colon], line[(colon + 1)..].TrimStart(' ')));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
