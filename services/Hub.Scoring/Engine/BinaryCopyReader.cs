using Npgsql;

namespace Hub.Scoring.Engine;

/// <summary>
/// The data of a <c>COPY … TO STDOUT (FORMAT BINARY)</c>, taken raw from the connection into a
/// buffer that the caller reads whole rows from (<see cref="CopyFields"/>).
/// </summary>
/// <remarks>
/// Npgsql's exporter reads each field through its type machinery; for the ten fields of a million
/// dossiers that kept the service busier than PostgreSQL producing them (2.3–2.4 s against
/// 1.6–1.75 s for psql's <c>\copy</c> of the same statement).
/// </remarks>
internal sealed class BinaryCopyReader : IAsyncDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _headerRead;
    private bool _ended;

    private BinaryCopyReader(Stream stream) => _stream = stream;

    public static async Task<BinaryCopyReader> OpenAsync(NpgsqlConnection connection, string query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new BinaryCopyReader(await connection.BeginRawBinaryCopyAsync($"COPY ({query}) TO STDOUT (FORMAT BINARY)", cancellationToken));
    }

    /// <summary>The data that has arrived and is not read yet; it starts at a row.</summary>
    public ReadOnlySpan<byte> Unread => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Marks <paramref name="count"/> bytes of <see cref="Unread"/> as read; <paramref name="ended"/> once the trailer is among them.</summary>
    public void Advance(int count, bool ended)
    {
        _start += count;
        _ended = ended;
    }

    /// <summary>Waits for more data. False once the trailer was read; throws if the data stops before it.</summary>
    public async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            // Read to the end of the stream, so that Npgsql takes the end of the COPY as it came
            // rather than cancelling what it thinks was left unread.
            while (await _stream.ReadAsync(_buffer, cancellationToken) > 0)
            {
            }
            return false;
        }
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            (_end, _start) = (_end - _start, 0);
        }
        if (_end == _buffer.Length)
        {
            // A row larger than the buffer: make room for it.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            throw new InvalidDataException("The COPY data ended before its trailer.");
        }
        _end += read;
        return _headerRead || SkipHeader() || await FillAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private bool SkipHeader()
    {
        if (_end < CopyFormat.HeaderLength)
        {
            return false;
        }
        if (!_buffer.AsSpan(0, CopyFormat.Signature.Length).SequenceEqual(CopyFormat.Signature))
        {
            throw new InvalidDataException("The COPY data does not start with PostgreSQL's binary signature.");
        }
        var extension = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(CopyFormat.HeaderLength - 4, 4));
        if (_end < CopyFormat.HeaderLength + extension)
        {
            return false;
        }
        _start = CopyFormat.HeaderLength + extension;
        _headerRead = true;
        return true;
    }
}
