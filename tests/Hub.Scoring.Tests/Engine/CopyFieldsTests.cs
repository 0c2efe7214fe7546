using System.Buffers.Binary;
using System.Text;
using Hub.Scoring.Engine;

namespace Hub.Scoring.Tests.Engine;

/// <summary>
/// Rows of own counts in PostgreSQL's binary COPY format arrive in pieces of any size: a row is
/// read only once all of it is there, with every value as PostgreSQL sent it.
/// </summary>
public sealed class CopyFieldsTests
{
    private static readonly DateTime Received = new(2025, 3, 3, 2, 15, 30, DateTimeKind.Utc);
    private static readonly DateTime Changed = new DateTime(2025, 3, 6, 9, 0, 0, DateTimeKind.Utc).AddTicks(123_450);

    [Fact]
    public void A_whole_row_reads_back_every_value_nulls_included()
    {
        var data = Row();

        var fields = new CopyFields(data);
        Assert.Equal(OwnCountRow.FieldCount, fields.FieldCount());
        var row = OwnCountRow.Read(ref fields);

        Assert.False(fields.Short);
        Assert.Equal(data.Length, fields.Position);
        Assert.Equal(new OwnCountRow(true, "26734", "1.001234.000.00.00.H56", Received, null, null, Changed, Received.AddDays(5), -1,
            OwnCountFlags.OnlineChannel | OwnCountFlags.PaperResult), row);
    }

    [Fact]
    public void A_row_cut_short_anywhere_is_not_read_until_the_rest_arrives()
    {
        var data = Row();

        for (var cut = 0; cut < data.Length; cut++)
        {
            var fields = new CopyFields(data.AsSpan(0, cut));
            fields.FieldCount();
            OwnCountRow.Read(ref fields);
            Assert.True(fields.Short, $"a row cut after {cut} of {data.Length} bytes was taken as whole");
        }
    }

    [Fact]
    public void The_trailer_reads_as_a_row_of_minus_one_fields()
    {
        var fields = new CopyFields([0xFF, 0xFF]);

        Assert.Equal(-1, fields.FieldCount());
        Assert.False(fields.Short);
    }

    /// <summary>A row as PostgreSQL sends it: field count, then each field's length and big-endian value.</summary>
    private static byte[] Row()
    {
        var bytes = new List<byte>();
        void Add(ReadOnlySpan<byte> value)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
            bytes.AddRange(length);
            bytes.AddRange(value.ToArray());
        }
        void Null() => bytes.AddRange([0xFF, 0xFF, 0xFF, 0xFF]);
        void Time(DateTime at)
        {
            var value = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(value, (at - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Ticks / 10);
            Add(value);
        }
        var count = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(count, OwnCountRow.FieldCount);
        bytes.AddRange(count);
        Add([1]);
        Add(Encoding.UTF8.GetBytes("26734"));
        Add(Encoding.UTF8.GetBytes("1.001234.000.00.00.H56"));
        Time(Received);
        Null();
        Null();
        Time(Changed);
        Time(Received.AddDays(5));
        var sign = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(sign, -1);
        Add(sign);
        var flags = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(flags, (int)(OwnCountFlags.OnlineChannel | OwnCountFlags.PaperResult));
        Add(flags);
        return [.. bytes];
    }
}
