using Hub.Contracts.Identity;
using Hub.ServiceDefaults.Security;

namespace Hub.ServiceDefaults.Tests;

/// <summary>The deny-list's rules, whatever order identity's events and snapshot arrive in.</summary>
public sealed class RevocationListTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private readonly ManualTime _time = new(T0);
    private readonly RevocationList _list;

    public RevocationListTests() => _list = new RevocationList(_time);

    [Fact]
    public void A_disabled_client_is_refused_until_enabled_again()
    {
        _list.DisableClient("79-sync", T0);
        Assert.True(_list.IsRevoked("79-sync", "any", T0));
        Assert.False(_list.IsRevoked("01-sync", "any", T0));

        _list.EnableClient("79-sync", T0.AddMinutes(1));
        Assert.False(_list.IsRevoked("79-sync", "any", T0));
    }

    [Fact]
    public void An_enabling_older_than_the_disabling_does_not_undo_it()
    {
        _list.DisableClient("79-sync", T0.AddMinutes(2));
        _list.EnableClient("79-sync", T0.AddMinutes(1)); // delivered late

        Assert.True(_list.IsRevoked("79-sync", "any", T0));
    }

    [Fact]
    public void A_revoked_token_is_refused_until_it_would_have_expired_anyway()
    {
        _list.RevokeToken("jti-1", T0.AddMinutes(10));

        Assert.True(_list.IsRevoked("79-sync", "jti-1", T0));
        Assert.False(_list.IsRevoked("79-sync", "jti-2", T0));
        _time.Now = T0.AddMinutes(11);
        Assert.False(_list.IsRevoked("79-sync", "jti-1", T0));
    }

    [Fact]
    public void After_a_secret_is_revoked_only_tokens_issued_before_it_are_refused()
    {
        _list.RefuseTokensIssuedBefore("79-sync", T0);

        Assert.True(_list.IsRevoked("79-sync", null, T0.AddSeconds(-1)));
        Assert.False(_list.IsRevoked("79-sync", null, T0.AddSeconds(1)));
    }

    [Fact]
    public void A_snapshot_brings_what_happened_before_the_process_listened()
    {
        _list.Load(new DenyListSnapshot(
            T0,
            [new DeniedToken("jti-1", "48-sync", T0.AddMinutes(5))],
            ["79-sync"],
            [new ClientTokensNotBefore("01-sync", T0)]));

        Assert.True(_list.IsRevoked("79-sync", null, T0));
        Assert.True(_list.IsRevoked("48-sync", "jti-1", T0));
        Assert.True(_list.IsRevoked("01-sync", null, T0.AddSeconds(-1)));
    }

    [Fact]
    public void Events_newer_than_the_snapshot_win_over_it()
    {
        _list.EnableClient("79-sync", T0.AddSeconds(5));   // enabled after the snapshot was taken
        _list.DisableClient("92-sync", T0.AddSeconds(5));  // disabled after the snapshot was taken

        _list.Load(new DenyListSnapshot(T0, [], ["79-sync"], []));

        Assert.False(_list.IsRevoked("79-sync", null, T0));
        Assert.True(_list.IsRevoked("92-sync", null, T0));
    }

    [Fact]
    public void A_client_enabled_while_the_process_was_not_listening_is_cleared_by_the_snapshot()
    {
        _list.DisableClient("79-sync", T0.AddMinutes(-10));

        _list.Load(new DenyListSnapshot(T0, [], [], []));

        Assert.False(_list.IsRevoked("79-sync", null, T0));
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
