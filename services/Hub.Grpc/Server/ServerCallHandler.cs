using Hub.Grpc.Compression;
using Hub.Grpc.Errors;
using Hub.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hub.Grpc.Server;

/// <summary>Runs one gRPC request through the protocol checks, the handler and the status it ends with.</summary>
internal sealed class ServerCallHandler
{
    private readonly GrpcServerOptions _options;
    private readonly ILogger _logger;

    public ServerCallHandler(GrpcServerOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http, ServerMethod method)
    {
        if (!TryAcceptRequest(http))
        {
            return;
        }

        var request = http.Request;
        var encoding = request.Headers[GrpcHeaders.Encoding].ToString();
        if (!MessageCodecs.TryGet(encoding, out var requestCodec))
        {
            RejectWithStatus(http, GrpcStatusCode.Unimplemented, $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {MessageCodecs.AcceptEncoding}");
            return;
        }

        var responseCodec = ChooseResponseCodec(request.Headers[GrpcHeaders.AcceptEncoding].ToString(), requestCodec);
        if (method.Descriptor.IsClientStreaming)
        {
            StreamingRequestLimits.Lift(http, _logger, method.Path);
        }

        using var deadline = CreateDeadline(http, method, out var deadlineAt);

        // Without a deadline the client's reset is the only reason to cancel, so no linked source is needed.
        using var callCancellation = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, deadline.Token);

        var call = new GrpcServerCall(http, _options, requestCodec, responseCodec);
        call.Context = new ServerCallContext(call, method.Path, deadlineAt, callCancellation?.Token ?? http.RequestAborted);

        GrpcStatusCode code;
        string message;
        byte[]? details = null;
        try
        {
            await method.InvokeAsync(call);
            code = GrpcStatusCode.OK;
            message = string.Empty;
        }
        catch (Exception) when (deadline?.IsCancellationRequested == true)
        {
            // Whatever the handler threw once the deadline passed is a consequence of the deadline.
            code = GrpcStatusCode.DeadlineExceeded;
            message = "Deadline Exceeded";
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream: nobody is left to read a status.
            ServerLog.CallFailed(_logger, method.Path, GrpcStatusCode.Cancelled, "The client cancelled the call.");
            return;
        }
        catch (GrpcCallException ex)
        {
            code = ex.StatusCode;
            message = ex.StatusMessage;
            foreach (var entry in ex.Trailers)
            {
                call.Context.ResponseTrailers.AddRaw(entry);
            }

            if (ex.FieldViolations.Count > 0)
            {
                details = StatusDetailsCodec.Encode(code, message, ex.FieldViolations);
            }
        }
        catch (Exception ex)
        {
            ServerLog.UnhandledException(_logger, method.Path, ex);
            code = GrpcStatusCode.Internal;
            message = _options.EnableDetailedErrors
                ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}"
                : "Exception was thrown by handler.";
        }

        if (code != GrpcStatusCode.OK)
        {
            ServerLog.CallFailed(_logger, method.Path, code, message);
        }

        call.Complete(code, message, call.Context.ResponseTrailersOrNull, details);
    }

    /// <summary>The answer for a path no service binds; still a gRPC answer when the request is gRPC.</summary>
    public Task HandleUnimplementedAsync(HttpContext http)
    {
        if (!GrpcHeaders.IsGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (TryAcceptRequest(http))
        {
            RejectWithStatus(http, GrpcStatusCode.Unimplemented, $"Method {http.Request.Path} is not implemented by this server.");
        }

        return Task.CompletedTask;
    }

    /// <summary>HTTP-level checks that come before any gRPC status can be sent.</summary>
    private bool TryAcceptRequest(HttpContext http)
    {
        var request = http.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            LogRejected(request, "protocol", request.Protocol);
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            GrpcServerCall.WriteStatus(http.Response.Headers, GrpcStatusCode.Internal, $"Request protocol '{request.Protocol}' is not supported; gRPC needs HTTP/2.", null);
            return false;
        }

        if (!GrpcHeaders.IsGrpcContentType(request.ContentType))
        {
            // The protocol asks for 415 so that a plain HTTP client never reads a gRPC error as "200 OK".
            LogRejected(request, "content type", request.ContentType);
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            GrpcServerCall.WriteStatus(http.Response.Headers, GrpcStatusCode.Internal, $"Content-Type '{request.ContentType}' is not supported.", null);
            return false;
        }

        return true;
    }

    private void RejectWithStatus(HttpContext http, GrpcStatusCode code, string message)
    {
        LogRejected(http.Request, "status", message);
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcHeaders.ContentType;
        response.Headers[GrpcHeaders.AcceptEncoding] = MessageCodecs.AcceptEncoding;
        GrpcServerCall.WriteStatus(response.Headers, code, message, null);
    }

    private void LogRejected(HttpRequest request, string reason, string? detail)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            ServerLog.RequestRejected(_logger, request.Path.Value, reason, detail);
        }
    }

    private IMessageCodec? ChooseResponseCodec(string acceptEncoding, IMessageCodec? requestCodec)
    {
        if (_options.ResponseCompression is { } configured
            && MessageCodecs.TryGet(configured, out var codec) && codec is not null
            && MessageCodecs.IsAccepted(acceptEncoding, codec.Name))
        {
            return codec;
        }

        // A client that compresses its requests gets compressed answers, when it says it can read them.
        return requestCodec is not null && MessageCodecs.IsAccepted(acceptEncoding, requestCodec.Name) ? requestCodec : null;
    }

    private CancellationTokenSource? CreateDeadline(HttpContext http, ServerMethod method, out DateTimeOffset? deadlineAt)
    {
        deadlineAt = null;
        var value = http.Request.Headers[GrpcHeaders.Timeout].ToString();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!GrpcTimeout.TryParse(value, out var timeout))
        {
            ServerLog.InvalidTimeout(_logger, method.Path, value);
            return null;
        }

        // CancelAfter takes at most about 49 days; longer deadlines are as good as none.
        if (timeout > TimeSpan.FromDays(30))
        {
            return null;
        }

        deadlineAt = DateTimeOffset.UtcNow + timeout;
        var source = new CancellationTokenSource();
        source.CancelAfter(timeout);
        return source;
    }

}
