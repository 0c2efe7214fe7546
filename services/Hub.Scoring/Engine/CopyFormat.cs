namespace Hub.Scoring.Engine;

/// <summary>The constants of PostgreSQL's binary COPY format that the reader and the writer share.</summary>
internal static class CopyFormat
{
    /// <summary>"PGCOPY\n\377\r\n\0": the first bytes of the data, before 32-bit flags and the length of a header extension.</summary>
    public static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    /// <summary>The signature, the flags and the header extension's length: 19 bytes.</summary>
    public const int HeaderLength = 11 + 4 + 4;

    /// <summary>Dates count days, and timestamps microseconds (UTC), from this day.</summary>
    public static readonly DateOnly Epoch = new(2000, 1, 1);
}
