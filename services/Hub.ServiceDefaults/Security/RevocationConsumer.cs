using Hub.Contracts.Identity;
using MassTransit;

namespace Hub.ServiceDefaults.Security;

/// <summary>Keeps this process's <see cref="RevocationList"/> in step with identity's events.</summary>
public sealed class RevocationConsumer(RevocationList revocations) :
    IConsumer<ClientDisabled>, IConsumer<ClientEnabled>, IConsumer<ClientSecretRevoked>, IConsumer<ClientScopesNarrowed>, IConsumer<TokenRevoked>
{
    public Task Consume(ConsumeContext<ClientDisabled> context)
    {
        revocations.DisableClient(context.Message.ClientId, context.Message.DisabledAt);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<ClientEnabled> context)
    {
        revocations.EnableClient(context.Message.ClientId, context.Message.EnabledAt);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<ClientSecretRevoked> context)
    {
        revocations.RefuseTokensIssuedBefore(context.Message.ClientId, context.Message.TokensValidFrom ?? context.Message.RevokedAt);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<ClientScopesNarrowed> context)
    {
        revocations.RefuseTokensIssuedBefore(context.Message.ClientId, context.Message.TokensValidFrom);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<TokenRevoked> context)
    {
        revocations.RevokeToken(context.Message.Jti, context.Message.ExpiresAt);
        return Task.CompletedTask;
    }
}
