using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hub.Grpc.Errors.V1;

namespace Hub.Grpc.Errors;

/// <summary>Encodes and decodes grpc-status-details-bin as a google.rpc.Status-compatible message.</summary>
internal static class StatusDetailsCodec
{
    // Standard clients look details up by type URL, so the detail is announced under the name they
    // know rather than the project's own package name; the wire shape is identical.
    internal const string BadRequestTypeUrl = "type.googleapis.com/google.rpc.BadRequest";
    private static readonly string OwnBadRequestTypeUrl = "type.googleapis.com/" + BadRequest.Descriptor.FullName;

    public static byte[] Encode(GrpcStatusCode code, string message, IReadOnlyList<FieldViolation> violations)
    {
        var status = new Status { Code = (int)code, Message = message };
        var badRequest = new BadRequest();
        foreach (var violation in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = violation.Field,
                Description = violation.Description,
            });
        }

        status.Details.Add(new Any { TypeUrl = BadRequestTypeUrl, Value = badRequest.ToByteString() });
        return status.ToByteArray();
    }

    /// <summary>The field violations in the details, or none when they are absent or unreadable.</summary>
    public static IReadOnlyList<FieldViolation> DecodeFieldViolations(byte[]? details)
    {
        if (details is null || details.Length == 0)
        {
            return [];
        }

        try
        {
            var status = Status.Parser.ParseFrom(details);
            var result = new List<FieldViolation>();
            foreach (var any in status.Details)
            {
                if (any.TypeUrl == BadRequestTypeUrl || any.TypeUrl == OwnBadRequestTypeUrl)
                {
                    var badRequest = BadRequest.Parser.ParseFrom(any.Value);
                    result.AddRange(badRequest.FieldViolations.Select(v => new FieldViolation(v.Field, v.Description)));
                }
            }

            return result;
        }
        catch (InvalidProtocolBufferException)
        {
            // Details are advisory; a peer that sends something else must not turn a status into a crash.
            return [];
        }
    }
}
