using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Hub.Grpc.Client;
using Hub.Grpc.Health;
using Hub.Grpc.Health.V1;
using Hub.Grpc.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ServingStatus = Hub.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Hub.Grpc.Tests.Server;

public sealed class HealthServiceTests(HubServerFixture fixture) : IClassFixture<HubServerFixture>
{
    private static readonly ServiceDescriptor Health = HealthReflection.Descriptor.Services[0];
    private static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Check = new(Health.FindMethodByName("Check"));
    private static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Watch = new(Health.FindMethodByName("Watch"));

    [Fact]
    public async Task Server_and_mapped_services_report_SERVING()
    {
        var server = await fixture.Channel.UnaryAsync(Check, new HealthCheckRequest());
        var echo = await fixture.Channel.UnaryAsync(Check, new HealthCheckRequest { Service = "hub.grpc.test.v1.Echo" });

        Assert.Equal(ServingStatus.Serving, server.Status);
        Assert.Equal(ServingStatus.Serving, echo.Status);
    }

    [Fact]
    public async Task Check_of_an_unknown_service_is_NOT_FOUND()
    {
        var error = await Assert.ThrowsAsync<GrpcCallException>(() => fixture.Channel.UnaryAsync(Check, new HealthCheckRequest { Service = "no.such.Service" }));

        Assert.Equal(GrpcStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Watch_reports_the_current_status_then_each_change()
    {
        var registry = fixture.Server.Services.GetRequiredService<HealthStatusRegistry>();
        using var call = fixture.Channel.ServerStreaming(Watch, new HealthCheckRequest { Service = "hub.watched" }, CallOptions.WithTimeout(TimeSpan.FromSeconds(30)));
        await using var updates = call.ReadAllAsync().GetAsyncEnumerator();

        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(ServingStatus.ServiceUnknown, updates.Current.Status);

        registry.SetStatus("hub.watched", ServingStatus.Serving);
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(ServingStatus.Serving, updates.Current.Status);

        registry.SetStatus("hub.watched", ServingStatus.NotServing);
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(ServingStatus.NotServing, updates.Current.Status);
    }
}
