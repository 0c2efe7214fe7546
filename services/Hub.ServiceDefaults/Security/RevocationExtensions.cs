using MassTransit;

namespace Hub.ServiceDefaults.Security;

public static class RevocationExtensions
{
    /// <summary>
    /// Every replica must hear every revocation, so each gets its own temporary queue (deleted when
    /// it stops) rather than sharing one durable queue with its siblings.
    /// </summary>
    public static IBusRegistrationConfigurator AddRevocationConsumer(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<RevocationConsumer>().Endpoint(endpoint =>
        {
            endpoint.InstanceId = Guid.NewGuid().ToString("N")[..12];
            endpoint.Temporary = true;
        });
        return bus;
    }
}
