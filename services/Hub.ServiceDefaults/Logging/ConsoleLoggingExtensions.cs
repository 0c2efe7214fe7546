using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Hub.ServiceDefaults.Logging;

internal static class ConsoleLoggingExtensions
{
    /// <summary>
    /// One JSON object per line when the output goes to a file or a collector, readable text in a
    /// terminal. <c>Logging:Console:FormatterName</c> still overrides the choice.
    /// </summary>
    public static IHostApplicationBuilder AddHubConsoleLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole();
        builder.Logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.IncludeScopes = true;
        });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        var interactive = !Console.IsOutputRedirected;
        builder.Services.PostConfigure<ConsoleLoggerOptions>(o =>
            o.FormatterName ??= interactive ? ConsoleFormatterNames.Simple : ConsoleFormatterNames.Json);
        return builder;
    }
}
