using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Hub.Scoring.Engine;

/// <summary>
/// Rows for a <c>COPY … FROM STDIN (FORMAT BINARY)</c>, written in PostgreSQL's binary format into
/// a buffer that goes to the connection raw whenever it fills.
/// </summary>
/// <remarks>
/// Npgsql's importer binds each value as a parameter of its type; for the 29 fields of some
/// 100,000 own-count rows that took the service 0.5 s, where PostgreSQL takes 0.2 s to load them.
/// </remarks>
internal sealed class BinaryCopyWriter : IAsyncDisposable
{
    private const int FlushAt = 60 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;
    private bool _completed;

    private BinaryCopyWriter(Stream stream)
    {
        _stream = stream;
        // The signature, then no flags and no header extension (the buffer starts zeroed).
        CopyFormat.Signature.CopyTo(_buffer);
        _length = CopyFormat.HeaderLength;
    }

    /// <param name="target">The table and its columns, as COPY names them: <c>scoring_own (unit_code, …)</c>.</param>
    public static async Task<BinaryCopyWriter> OpenAsync(NpgsqlConnection connection, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new BinaryCopyWriter(await connection.BeginRawBinaryCopyAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellationToken));
    }

    public void StartRow(short fields) => BinaryPrimitives.WriteInt16BigEndian(Space(2), fields);

    public void Bool(bool value) => Field(1)[0] = value ? (byte)1 : (byte)0;

    public void Int16(short value) => BinaryPrimitives.WriteInt16BigEndian(Field(2), value);

    public void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Field(4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Field(8), value);

    public void Date(DateOnly value) => Int32(value.DayNumber - CopyFormat.Epoch.DayNumber);

    public void Text(string value) => Encoding.UTF8.GetBytes(value, Field(Encoding.UTF8.GetByteCount(value)));

    /// <summary>Sends what is buffered once it nears the buffer's size; call between rows.</summary>
    public async ValueTask FlushIfFullAsync(CancellationToken cancellationToken)
    {
        if (_length >= FlushAt)
        {
            await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
            _length = 0;
        }
    }

    /// <summary>Sends the rest and the trailer, and ends the COPY; without it, disposing cancels the COPY.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteInt16BigEndian(Space(2), -1);
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken);
        _length = 0;
        _completed = true;
        await _stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_completed && _stream is NpgsqlRawCopyStream copy)
        {
            await copy.CancelAsync();
        }
        await _stream.DisposeAsync();
    }

    private Span<byte> Field(int size)
    {
        BinaryPrimitives.WriteInt32BigEndian(Space(4), size);
        return Space(size);
    }

    private Span<byte> Space(int size)
    {
        if (_length + size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        }
        var space = _buffer.AsSpan(_length, size);
        _length += size;
        return space;
    }
}
