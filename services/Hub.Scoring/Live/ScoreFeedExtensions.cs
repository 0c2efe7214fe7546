using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Scoring.Live;

public static class ScoreFeedExtensions
{
    /// <summary>
    /// Every replica must hear every score change to serve its own stream clients, so each gets a
    /// temporary queue of its own (deleted when it stops), like the revocation consumer, rather than
    /// sharing one durable queue with its siblings.
    /// </summary>
    public static IBusRegistrationConfigurator AddScoreFeed(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.TryAddSingleton<ScoreFeed>();
        bus.AddConsumer<ScoreFeedConsumer>().Endpoint(endpoint =>
        {
            endpoint.InstanceId = Guid.NewGuid().ToString("N")[..12];
            endpoint.Temporary = true;
        });
        return bus;
    }
}
