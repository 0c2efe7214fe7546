using Hub.Dossiers;
using Hub.Dossiers.Data;
using Hub.ServiceDefaults;
using Hub.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDossiersService();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapDossiersService();

await app.RunOrMigrateAsync<DossiersDbContext>(args);
