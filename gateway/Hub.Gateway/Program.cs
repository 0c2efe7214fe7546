using Hub.Gateway;
using Hub.ServiceDefaults;
using Hub.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGateway();
await app.RunOrMigrateAsync(args);
