using Hub.Contracts.Sync;
using Hub.Scoring.Engine;
using MassTransit;

namespace Hub.Scoring.Facts;

/// <summary>
/// Digitised documents changed. Only electronic certified copies are kept: the other digitisation
/// criteria read the flags each dossier carries itself (components digitised, reused, taken from
/// the personal data store, result digitised), so storing every scanned component again would
/// only grow the facts.
/// </summary>
public sealed class DocumentsChangedConsumer(FactWriter writer, RecomputeSignal signal) : IConsumer<DocumentsChanged>
{
    public async Task Consume(ConsumeContext<DocumentsChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var facts = context.Message.Documents.Select(FactDerivation.CertifiedCopy).ToList();
        if (await writer.WriteCertifiedCopiesAsync(facts, context.CancellationToken) > 0)
        {
            signal.Wake();
        }
    }
}
