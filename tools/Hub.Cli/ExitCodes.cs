namespace Hub.Cli;

/// <summary>hubctl's exit codes, stable so scripts can branch on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int AuthenticationFailed = 3;
    public const int Forbidden = 4;
    public const int NotFound = 5;
    public const int Invalid = 6;
    public const int Conflict = 7;
    public const int Unreachable = 8;
}
