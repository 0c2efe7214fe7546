using Hub.Contracts.Sync;
using Hub.Scoring.Engine;
using MassTransit;

namespace Hub.Scoring.Facts;

/// <summary>Dossiers changed: their facts are applied, and the recompute loop is woken.</summary>
public sealed class DossiersChangedConsumer(FactWriter writer, RecomputeSignal signal) : IConsumer<DossiersChanged>
{
    public async Task Consume(ConsumeContext<DossiersChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = context.Message.Dossiers.Select(FactDerivation.Dossier).ToList();
        if (await writer.WriteDossiersAsync(facts, context.CancellationToken) > 0)
        {
            signal.Wake();
        }
    }
}

/// <summary>Procedures changed in the catalogue.</summary>
public sealed class ProceduresChangedConsumer(FactWriter writer, RecomputeSignal signal) : IConsumer<ProceduresChanged>
{
    public async Task Consume(ConsumeContext<ProceduresChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = context.Message.Procedures.Select(FactDerivation.Procedure).ToList();
        if (await writer.WriteProceduresAsync(facts, context.CancellationToken) > 0)
        {
            signal.Wake();
        }
    }
}

/// <summary>Citizen feedback (PAKN) changed.</summary>
public sealed class FeedbackChangedConsumer(FactWriter writer, RecomputeSignal signal) : IConsumer<FeedbackChanged>
{
    public async Task Consume(ConsumeContext<FeedbackChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = context.Message.Feedback.Select(FactDerivation.Feedback).ToList();
        if (await writer.WriteFeedbackAsync(facts, context.CancellationToken) > 0)
        {
            signal.Wake();
        }
    }
}

/// <summary>Units declared their period totals.</summary>
public sealed class PeriodTotalsDeclaredConsumer(FactWriter writer, RecomputeSignal signal) : IConsumer<PeriodTotalsDeclared>
{
    public async Task Consume(ConsumeContext<PeriodTotalsDeclared> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = context.Message.Totals.Select(FactDerivation.DeclaredTotal).ToList();
        if (await writer.WriteDeclaredTotalsAsync(facts, context.CancellationToken) > 0)
        {
            signal.Wake();
        }
    }
}
