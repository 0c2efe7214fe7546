using Hub.Dossiers.V1;

namespace Hub.Dossiers.Dossiers;

/// <summary>
/// Which status a stored dossier may move to. Once handling has ended (3, 7, 8, 9, 10) a dossier
/// never returns to an open status: a source that sends "new" for a finished dossier has a bug,
/// and accepting it would turn an on-time dossier into an open one. A finished dossier may only
/// have its result returned; a returned one stays returned.
/// </summary>
public static class DossierStatusPolicy
{
    public static bool IsEnded(DossierStatus status) => status is DossierStatus.NotAccepted or DossierStatus.Withdrawn
        or DossierStatus.Stopped or DossierStatus.Finished or DossierStatus.ResultReturned;

    public static bool IsAllowed(DossierStatus from, DossierStatus to) => from switch
    {
        DossierStatus.ResultReturned => to == DossierStatus.ResultReturned,
        DossierStatus.Finished => to is DossierStatus.Finished or DossierStatus.ResultReturned,
        _ when IsEnded(from) => IsEnded(to),
        _ => true,
    };
}
