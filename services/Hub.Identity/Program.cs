using Hub.Identity;
using Hub.Identity.Data;
using Hub.ServiceDefaults;
using Hub.ServiceDefaults.Data;
using Hub.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHubDbContext<IdentityContext>();
builder.AddHubMessaging();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIdentityApi();
await app.RunOrMigrateAsync<IdentityContext>(args);

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
