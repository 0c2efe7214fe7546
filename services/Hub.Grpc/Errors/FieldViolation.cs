namespace Hub.Grpc.Errors;

/// <summary>One refused field, as in google.rpc.BadRequest.FieldViolation.</summary>
public sealed record FieldViolation(string Field, string Description);
