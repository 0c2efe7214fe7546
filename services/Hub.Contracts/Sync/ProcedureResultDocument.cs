namespace Hub.Contracts.Sync;

/// <summary>A result document; Paper marks procedures whose result is a paper document.</summary>
public sealed record ProcedureResultDocument(string Code, bool Paper);
