using System.Globalization;

namespace Hub.Bench.Scoring;

public sealed record RigSettings(string PostgresServer, Uri RabbitMq, string DossiersDll, string ScoringDll, string GatewayDll, double LoadRate, int Probes)
{
    public static RigSettings Parse(string[] args) => new(
        args[0], new Uri(args[1]), args[2], args[3], args[4],
        double.Parse(args[5], CultureInfo.InvariantCulture), int.Parse(args[6], CultureInfo.InvariantCulture));
}
