using Hub.Catalogue;
using Hub.Catalogue.Data;
using Hub.ServiceDefaults;
using Hub.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCatalogueService();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCatalogueService();

await app.RunOrMigrateAsync<CatalogueDbContext>(args);
