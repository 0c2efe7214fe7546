using Hub.Common.V1;
using Hub.Dossiers.V1;
using Hub.Sync.Pipeline;

namespace Hub.Dossiers.Dossiers;

/// <summary>
/// Field rules of a dossier that need nothing but the dossier. That the procedure code exists in
/// the catalogue is not checked: the catalogue is another service's data, and this service does
/// not yet keep a local copy fed by its events (a later issue).
/// </summary>
public static class DossierValidator
{
    public static void Validate(Dossier dossier, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        FieldErrors.Required(errors, "procedure_code", dossier.ProcedureCode, 32);
        FieldErrors.Defined(errors, "channel", dossier.Channel);
        FieldErrors.Defined(errors, "status", dossier.Status);
        if (dossier.Applicant is { Kind: not ApplicantKind.Unspecified } applicant && !Enum.IsDefined(applicant.Kind))
        {
            errors.Add(new FieldError { Field = "applicant.kind", Description = "is unknown" });
        }

        var received = FieldErrors.Date(errors, "received_at", dossier.ReceivedAt, required: true);
        // An open dossier is due after today: only its due date may lie in the future.
        var due = FieldErrors.Date(errors, "due_at", dossier.DueAt, required: false, allowFuture: true);
        var finished = FieldErrors.Date(errors, "finished_at", dossier.FinishedAt, required: false);
        var returned = FieldErrors.Date(errors, "returned_at", dossier.ReturnedAt, required: false);
        FieldErrors.NotBefore(errors, "due_at", due, "received_at", received);
        FieldErrors.NotBefore(errors, "finished_at", finished, "received_at", received);
        FieldErrors.NotBefore(errors, "returned_at", returned, "received_at", received);

        for (var i = 0; i < dossier.StatusHistory.Count; i++)
        {
            FieldErrors.Defined(errors, $"status_history[{i}].status", dossier.StatusHistory[i].Status);
            FieldErrors.Date(errors, $"status_history[{i}].at", dossier.StatusHistory[i].At, required: true);
        }
        for (var i = 0; i < dossier.Supplements.Count; i++)
        {
            var requested = FieldErrors.Date(errors, $"supplements[{i}].requested_at", dossier.Supplements[i].RequestedAt, required: true);
            var completed = FieldErrors.Date(errors, $"supplements[{i}].completed_at", dossier.Supplements[i].CompletedAt, required: false);
            FieldErrors.NotBefore(errors, $"supplements[{i}].completed_at", completed, "requested_at", requested);
        }
        for (var i = 0; i < dossier.Fees.Count; i++)
        {
            var fee = dossier.Fees[i];
            FieldErrors.Required(errors, $"fees[{i}].code", fee.Code);
            if (fee.Amount is null || fee.Amount.Vnd < 0)
            {
                errors.Add(new FieldError { Field = $"fees[{i}].amount", Description = "is required and may not be negative" });
            }
            FieldErrors.Date(errors, $"fees[{i}].paid_at", fee.PaidAt, required: false);
        }
        for (var i = 0; i < dossier.Components.Count; i++)
        {
            FieldErrors.Required(errors, $"components[{i}].code", dossier.Components[i].Code);
        }
        for (var i = 0; i < dossier.Results.Count; i++)
        {
            FieldErrors.Required(errors, $"results[{i}].code", dossier.Results[i].Code);
        }
    }
}
