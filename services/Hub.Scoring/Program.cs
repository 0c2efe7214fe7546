using Hub.Scoring;
using Hub.Scoring.Data;
using Hub.ServiceDefaults;
using Hub.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddScoringService();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapScoringService();

if (ScoringCommands.IsCommand(args))
{
    return await ScoringCommands.RunAsync(app, args);
}
await app.RunOrMigrateAsync<ScoringDbContext>(args);
return 0;
