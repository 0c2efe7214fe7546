using Hub.Scoring.Tests.Infrastructure;
using static Hub.Scoring.Tests.Infrastructure.RecordVariations;
using static Hub.Scoring.Tests.Infrastructure.Records;

namespace Hub.Scoring.Tests.Criteria;

/// <summary>
/// TTTT, online payment (every level): FEE_INTEGRATED (2, threshold 80 %) fee-bearing procedures of the
/// catalogue with a dossier carrying fee data in the period; PAYMENT_PROCEDURES (2, threshold 80 %)
/// procedures with a fee-bearing dossier paid online ÷ procedures with fee-bearing dossiers;
/// ONLINE_PAID_DOSSIERS (6) fee-bearing dossiers paid online ÷ fee-bearing dossiers (all-zero fees
/// excluded). A fee is paid online when it was paid (PaidAt set) on the national portal or the
/// province's gateway.
/// </summary>
public sealed class PaymentTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    [Fact]
    public async Task Fees_payments_and_online_payments_of_a_ministry_in_one_month()
    {
        // Ministry BTP's catalogue: F1–F5 carry a fee of 100 000 VND; F6 is free.
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 5).Select(i => Procedure($"6.10000{i}", "BTP").WithFee(100_000))
            .Append(Procedure("6.100006", "BTP"))
            .ToArray());
        // February 2026 dossiers at BTP (received 3 Feb, paid 4 Feb):
        //   d1 F1: 50 000 paid on the national portal           → fee data, fee-bearing, paid online
        //   d2 F1: 50 000 paid at the counter                     → fee data, fee-bearing
        //   d3 F2: 0 (exempt)                                     → fee data only
        //   d4 F3: 30 000 paid on the province's gateway          → fee data, fee-bearing, paid online
        //   d5 F3: 30 000 chosen for the national portal, unpaid  → fee data, fee-bearing, NOT paid
        //   d6 F4: no fee listed                                  → nothing
        //   d7 F6: 20 000 chosen for the national portal, unpaid  → fee data, fee-bearing, NOT paid
        //   d8 F5: 50 000 paid online but received in January     → not this month
        var feb3 = Local(2026, 2, 3);
        var feb4 = Local(2026, 2, 4);
        await fixture.Facts.WriteAsync(
            Dossier("PAY-1", unit: "BTP", procedure: "6.100001", received: feb3).WithFee(50_000, PaymentNationalPortal, feb4),
            Dossier("PAY-2", unit: "BTP", procedure: "6.100001", received: feb3).WithFee(50_000, PaymentNotOnline, feb4),
            Dossier("PAY-3", unit: "BTP", procedure: "6.100002", received: feb3).WithFee(0, PaymentNotOnline, null),
            Dossier("PAY-4", unit: "BTP", procedure: "6.100003", received: feb3).WithFee(30_000, PaymentProvincialGateway, feb4),
            Dossier("PAY-5", unit: "BTP", procedure: "6.100003", received: feb3).WithFee(30_000, PaymentNationalPortal, null),
            Dossier("PAY-6", unit: "BTP", procedure: "6.100004", received: feb3),
            Dossier("PAY-7", unit: "BTP", procedure: "6.100006", received: feb3).WithFee(20_000, PaymentNationalPortal, null),
            Dossier("PAY-8", unit: "BTP", procedure: "6.100005", received: Local(2026, 1, 20)).WithFee(50_000, PaymentNationalPortal, Local(2026, 1, 20)));
        await fixture.SettleAsync();

        var score = await fixture.ScoreAsync("BTP", "2026-02");

        // FEE_INTEGRATED: of the 5 fee-bearing procedures F1, F2, F3 had a dossier with fee data (F4's carried
        // none, F5's was January; F6 is free) → 3/5 = 0.6 < 0.8 → 2 × 0.6 ÷ 0.8 = 1.5.
        CriterionAssert.Scored(score, "FEE_INTEGRATED", 3, 5, 1.5);
        // PAYMENT_PROCEDURES: procedures with fee-bearing dossiers F1, F3, F6; paid online F1 (d1), F3 (d4);
        // F6's only payment is still pending → 2/3 < 0.8 → 2 × (2/3) ÷ 0.8 = 1.666667.
        CriterionAssert.Scored(score, "PAYMENT_PROCEDURES", 2, 3, 2.0 * 2 / 3 / 0.8);
        // ONLINE_PAID_DOSSIERS: fee-bearing d1, d2, d4, d5, d7 (d3 is all zero); paid online d1, d4 → 6 × 2/5 = 2.4.
        CriterionAssert.Scored(score, "ONLINE_PAID_DOSSIERS", 2, 5, 2.4);
    }

    [Fact]
    public async Task At_the_threshold_the_maximum_and_exempt_dossiers_leave_the_denominator()
    {
        // Province 01's catalogue: G1–G5 fee-bearing. March 2026 at commune 00004: one dossier each of
        // G1–G4 paid online, and one more of G1 exempt (0 VND).
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 5).Select(i => Procedure($"6.20000{i}", "01").WithFee(25_000)).ToArray());
        var mar3 = Local(2026, 3, 3);
        await fixture.Facts.WriteAsync(Enumerable.Range(1, 4)
            .Select(i => Dossier($"PAT-{i}", unit: "00004", procedure: $"6.20000{i}", received: mar3).WithFee(25_000, PaymentProvincialGateway, mar3))
            .Append(Dossier("PAT-5", unit: "00004", procedure: "6.200001", received: mar3).WithFee(0, PaymentNotOnline, null))
            .ToArray());
        await fixture.SettleAsync();

        var score = await fixture.ScoreAsync("00004", "2026-03");

        // FEE_INTEGRATED: 4/5 = 0.8, at the threshold → 2.
        CriterionAssert.Scored(score, "FEE_INTEGRATED", 4, 5, 2);
        // PAYMENT_PROCEDURES: 4/4 → 2.
        CriterionAssert.Scored(score, "PAYMENT_PROCEDURES", 4, 4, 2);
        // ONLINE_PAID_DOSSIERS: 4 paid online of 4 fee-bearing (the exempt one is not counted) → 6.
        CriterionAssert.Scored(score, "ONLINE_PAID_DOSSIERS", 4, 4, 6);
    }

    [Fact]
    public async Task Without_fees_the_payment_criteria_are_empty()
    {
        // Department 79-STP, March 2026: one dossier without fees; no fee-bearing procedure above or below it.
        await fixture.Facts.WriteAsync(Dossier("PAE-1", unit: "79-STP", received: Local(2026, 3, 3)));
        await fixture.SettleAsync();

        var score = await fixture.ScoreAsync("79-STP", "2026-03");

        CriterionAssert.Empty(score, "FEE_INTEGRATED", 0);
        CriterionAssert.Empty(score, "PAYMENT_PROCEDURES", 0);
        CriterionAssert.Empty(score, "ONLINE_PAID_DOSSIERS", 0);
    }
}
