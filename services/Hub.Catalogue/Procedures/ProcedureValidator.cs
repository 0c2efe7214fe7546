using Hub.Catalogue.V1;
using Hub.Common.V1;
using Hub.Sync.Pipeline;

namespace Hub.Catalogue.Procedures;

/// <summary>Field rules of a procedure that need nothing but the procedure.</summary>
public static class ProcedureValidator
{
    public static void Validate(Procedure procedure, ICollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(errors);
        FieldErrors.Required(errors, "name", procedure.Name, 2000);
        FieldErrors.Defined(errors, "status", procedure.Status);
        FieldErrors.Defined(errors, "online_service_level", procedure.OnlineServiceLevel);
        if (procedure.ProcessingTime < 0)
        {
            errors.Add(new FieldError { Field = "processing_time", Description = "may not be negative" });
        }
        else if (procedure.ProcessingTime > 0)
        {
            FieldErrors.Defined(errors, "processing_time_unit", procedure.ProcessingTimeUnit);
        }
        if (procedure.FullOnlineEligible is false && procedure.OnlineServiceLevel == OnlineServiceLevel.Full)
        {
            errors.Add(new FieldError { Field = "online_service_level", Description = "is full, but the procedure is not eligible for full online service" });
        }

        var decided = FieldErrors.Date(errors, "publication_decision_at", procedure.PublicationDecisionAt, required: false);
        var madePublic = FieldErrors.Date(errors, "made_public_at", procedure.MadePublicAt, required: false);
        FieldErrors.NotBefore(errors, "made_public_at", madePublic, "publication_decision_at", decided);

        for (var i = 0; i < procedure.Fees.Count; i++)
        {
            FieldErrors.Required(errors, $"fees[{i}].code", procedure.Fees[i].Code);
            if (procedure.Fees[i].Amount is null || procedure.Fees[i].Amount.Vnd < 0)
            {
                errors.Add(new FieldError { Field = $"fees[{i}].amount", Description = "is required and may not be negative" });
            }
        }
        for (var i = 0; i < procedure.LegalBases.Count; i++)
        {
            FieldErrors.Required(errors, $"legal_bases[{i}].number", procedure.LegalBases[i].Number, 200);
            // A law may take effect after it is published in the catalogue.
            FieldErrors.Date(errors, $"legal_bases[{i}].effective_at", procedure.LegalBases[i].EffectiveAt, required: false, allowFuture: true);
        }
        for (var i = 0; i < procedure.Subjects.Count; i++)
        {
            FieldErrors.Defined(errors, $"subjects[{i}]", procedure.Subjects[i]);
        }
        for (var i = 0; i < procedure.ImplementingLevels.Count; i++)
        {
            FieldErrors.Defined(errors, $"implementing_levels[{i}]", procedure.ImplementingLevels[i]);
        }
    }
}
