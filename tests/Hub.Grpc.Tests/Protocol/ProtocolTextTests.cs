using Hub.Grpc.Protocol;

namespace Hub.Grpc.Tests.Protocol;

public sealed class ProtocolTextTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("200m", 2_000_000L)]
    [InlineData("250u", 2_500L)]
    [InlineData("1n", 1L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void Grpc_timeout_parses_every_unit(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    public void Grpc_timeout_rejects_malformed_values(string value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Fact]
    public void Grpc_timeout_is_formatted_within_eight_digits_and_parses_back()
    {
        foreach (var timeout in new[] { TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(90), TimeSpan.FromDays(3), TimeSpan.FromDays(5000) })
        {
            var text = GrpcTimeout.Format(timeout);
            Assert.InRange(text.Length, 2, 9);
            Assert.True(GrpcTimeout.TryParse(text, out var parsed));
            Assert.True(parsed <= timeout);
        }
    }

    [Fact]
    public void Grpc_message_percent_encoding_round_trips_unicode_and_percent()
    {
        const string message = "Hồ sơ 100% sai\n";

        var encoded = GrpcMessageText.Encode(message);

        Assert.All(encoded, c => Assert.InRange(c, (char)0x20, (char)0x7E));
        Assert.Equal(message, GrpcMessageText.Decode(encoded));
    }

    [Fact]
    public void Grpc_message_decoding_keeps_malformed_escapes() =>
        Assert.Equal("50%zz %", GrpcMessageText.Decode("50%zz %"));

    [Theory]
    [InlineData("AP8QgA==")]
    [InlineData("AP8QgA")]
    public void Binary_metadata_accepts_padded_and_unpadded_base64(string value) =>
        Assert.Equal(new byte[] { 0x00, 0xFF, 0x10, 0x80 }, MetadataHeaders.DecodeBinary(value));

    [Fact]
    public void Metadata_refuses_reserved_and_malformed_keys()
    {
        var metadata = new GrpcMetadata();

        Assert.Throws<ArgumentException>(() => metadata.Add("grpc-status", "0"));
        Assert.Throws<ArgumentException>(() => metadata.Add("x key", "v"));
        Assert.Throws<ArgumentException>(() => metadata.Add("x-data", [1, 2]));
        Assert.Throws<ArgumentException>(() => metadata.Add("x-data-bin", "text"));
        Assert.Throws<ArgumentException>(() => metadata.Add("x-text", "không ascii"));
    }
}
