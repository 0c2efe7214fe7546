using Hub.Grpc;
using Hub.Sync.Privacy;
using Hub.Sync.Reading;

namespace Hub.Sync.Tests;

public sealed class PrivacyAndPagingTests
{
    [Fact]
    public void The_applicant_hash_is_keyed_and_ignores_case_and_spaces()
    {
        var one = new ApplicantHasher(new SyncOptions { ApplicantHashKey = new string('a', 32) });
        var other = new ApplicantHasher(new SyncOptions { ApplicantHashKey = new string('b', 32) });

        Assert.Equal(one.Hash("079201001234"), one.Hash(" 079201001234 "));
        Assert.Equal(one.Hash("0101234567"), one.Hash("0101234567"));
        Assert.NotEqual(one.Hash("079201001234"), other.Hash("079201001234"));
        Assert.Equal(64, one.Hash("079201001234")!.Length);
        Assert.Null(one.Hash(""));
    }

    [Fact]
    public void A_short_hash_key_is_refused_at_start() =>
        Assert.Throws<InvalidOperationException>(() => new ApplicantHasher(new SyncOptions { ApplicantHashKey = "short" }));

    [Fact]
    public void Page_tokens_round_trip_and_garbage_is_INVALID_ARGUMENT()
    {
        Assert.Equal("01.000-12/Đ", PageTokens.Decode(PageTokens.Encode("01.000-12/Đ")));
        Assert.Equal(GrpcStatusCode.InvalidArgument, Assert.Throws<GrpcCallException>(() => PageTokens.Decode("!!not-base64!!")).StatusCode);
        Assert.Equal(PageTokens.DefaultPageSize, PageTokens.Size(0));
        Assert.Equal(PageTokens.MaxPageSize, PageTokens.Size(1_000_000));
    }
}
