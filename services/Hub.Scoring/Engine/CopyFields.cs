using System.Buffers.Binary;
using System.Text;

namespace Hub.Scoring.Engine;

/// <summary>
/// Fields of PostgreSQL's binary COPY format, read from the part of a buffer that has arrived: a
/// row's field count, then each field's length (−1 for null) and value, big-endian. A read past
/// the end of the data sets <see cref="Short"/> and gives a default value: the caller waits for
/// more data and reads the row again from its start.
/// </summary>
internal ref struct CopyFields(ReadOnlySpan<byte> data)
{
    // ±infinity are the extremes of PostgreSQL's timestamps.
    private static readonly long EpochTicks = CopyFormat.Epoch.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;

    private readonly ReadOnlySpan<byte> _data = data;

    /// <summary>Bytes read so far.</summary>
    public int Position { get; private set; }

    /// <summary>Whether a read went past the data: the row is not all there yet.</summary>
    public bool Short { get; private set; }

    /// <summary>The number of fields of the next row, or −1 for the trailer that ends the data.</summary>
    public short FieldCount() => Take(2, out var bytes) ? BinaryPrimitives.ReadInt16BigEndian(bytes) : (short)0;

    public bool IsNull => Position + 4 <= _data.Length && BinaryPrimitives.ReadInt32BigEndian(_data[Position..]) == -1;

    public bool Bool() => Field(1, out var bytes) && bytes[0] != 0;

    public short Int16() => Field(2, out var bytes) ? BinaryPrimitives.ReadInt16BigEndian(bytes) : (short)0;

    public int Int32() => Field(4, out var bytes) ? BinaryPrimitives.ReadInt32BigEndian(bytes) : 0;

    public string Text() => Field(-1, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";

    public DateTime Timestamp()
    {
        if (!Field(8, out var bytes))
        {
            return default;
        }
        var microseconds = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return microseconds switch
        {
            long.MaxValue => DateTime.MaxValue,
            long.MinValue => DateTime.MinValue,
            _ => new DateTime(EpochTicks + (microseconds * TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc),
        };
    }

    public DateTime? NullableTimestamp()
    {
        if (IsNull)
        {
            Position += 4;
            return null;
        }
        return Timestamp();
    }

    /// <summary>A non-null field of <paramref name="size"/> bytes (any size when negative).</summary>
    private bool Field(int size, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (!Take(4, out var header))
        {
            return false;
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length < 0 || (size >= 0 && length != size))
        {
            throw new InvalidDataException($"A COPY field of {length} bytes where {(size < 0 ? "a value" : $"{size} bytes")} was expected.");
        }
        return Take(length, out bytes);
    }

    private bool Take(int count, out ReadOnlySpan<byte> bytes)
    {
        if (Short || Position + count > _data.Length)
        {
            Short = true;
            bytes = default;
            return false;
        }
        bytes = _data.Slice(Position, count);
        Position += count;
        return true;
    }
}
