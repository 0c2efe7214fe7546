namespace Hub.Contracts.Sync;

/// <summary>A fee in VND; PaymentMethod 1 not online, 2 national portal, 3 provincial gateway.</summary>
public sealed record DossierFee(string Code, long AmountVnd, int PaymentMethod, DateTimeOffset? PaidAt);
