using Hub.Contracts.Sync;
using Hub.Scoring.Engine;
using MassTransit;

namespace Hub.Scoring.Facts;

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
