using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinned.Policy;
using Pinned.Registry;
using Pinned.Telemetry;

namespace Pinned.Serve;

/// <summary>Starts the webhook: policy (file, then PINNED_* variables, then --mode), certificate, host; exit 2 if any is unusable.</summary>
internal static class ServeRunner
{
    public const int StartupErrorExitCode = 2;

    public static async Task<int> RunAsync(ServeSettings settings, string? configFile, string? modeOverride, TextWriter error, CancellationToken cancellation)
    {
        PolicyOptions policy;
        try
        {
            var overrides = EnvironmentOverrides.Read(Environment.GetEnvironmentVariables()).ToList();
            if (modeOverride is not null)
            {
                overrides.Add(new("mode", modeOverride));
            }

            policy = PolicyLoader.Load(configFile, overrides);
        }
        catch (PolicyException e)
        {
            await error.WriteLineAsync($"pinned serve: {e.Message}").ConfigureAwait(false);
            return StartupErrorExitCode;
        }

        WebApplication app;
        try
        {
            app = WebhookHost.Build(settings, policy);
        }
        catch (RegistryConfigurationException e)
        {
            // Only with mutation enabled: the registry client is built at start, not at the first review.
            await error.WriteLineAsync($"pinned serve: {e.Message}").ConfigureAwait(false);
            return StartupErrorExitCode;
        }

        await using var disposeApp = app;
        if (!WebhookHost.TryLoadCertificate(app, out var certificateError))
        {
            await error.WriteLineAsync($"pinned serve: {certificateError}").ConfigureAwait(false);
            return StartupErrorExitCode;
        }

        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"pinned serve: cannot listen on {settings.Address}:{settings.Port}: {e.Message}").ConfigureAwait(false);
            return StartupErrorExitCode;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Pinned.Serve");
        var urls = string.Join(", ", app.Urls);
        var exempt = string.Join(",", policy.ExemptNamespaces);
        var mode = policy.Mode.ToConfigString();
        Log.Listening(logger, urls, mode, exempt);
        await app.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }
}
