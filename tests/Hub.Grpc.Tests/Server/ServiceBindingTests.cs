using Hub.Grpc.Server;
using Hub.Grpc.Tests.Echo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Grpc.Tests.Server;

/// <summary>Binding mistakes stop the app at start-up instead of surfacing on the first call.</summary>
public sealed class ServiceBindingTests
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Echo = EchoReflection.Descriptor.Services[0];

    [Fact]
    public async Task Unbound_method_fails_at_start_up_naming_the_method()
    {
        await using var app = CreateApp();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService(Echo, service => service
            .Unary<EchoRequest, EchoReply>("Say", (r, _) => Task.FromResult(new EchoReply()))));

        Assert.Contains("Collect", error.Message, StringComparison.Ordinal);
        Assert.Contains("Chat", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Method_bound_with_the_wrong_call_kind_fails()
    {
        await using var app = CreateApp();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService(Echo, service => service
            .Unary<EchoRequest, EchoReply>("Expand", (r, _) => Task.FromResult(new EchoReply()))));

        Assert.Contains("server streaming", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Method_bound_with_the_wrong_message_types_fails()
    {
        await using var app = CreateApp();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService(Echo, service => service
            .Unary<EchoReply, EchoReply>("Say", (r, _) => Task.FromResult(new EchoReply()))));

        Assert.Contains("hub.grpc.test.v1.EchoRequest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_method_name_fails()
    {
        await using var app = CreateApp();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService(Echo, service => service
            .Unary<EchoRequest, EchoReply>("Shout", (r, _) => Task.FromResult(new EchoReply()))));

        Assert.Contains("Shout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mapping_without_AddHubGrpc_explains_what_is_missing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService(Echo, new Infrastructure.EchoService().Bind));

        Assert.Contains("AddHubGrpc", error.Message, StringComparison.Ordinal);
    }

    private static WebApplication CreateApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHubGrpc();
        return builder.Build();
    }
}
