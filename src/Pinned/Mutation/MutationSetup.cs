using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Pinned.Policy;
using Pinned.Registry;

namespace Pinned.Mutation;

/// <summary>Wires POST /mutate into <c>pinned serve</c>, only when <c>mutation.enabled</c>: no
/// registry client exists otherwise, and /mutate answers 404.</summary>
internal static class MutationSetup
{
    public const string Path = "/mutate";

    public static void AddImageMutation(this WebApplicationBuilder builder, PolicyOptions policy)
    {
        if (!policy.Mutation.Enabled)
        {
            return;
        }
        builder.Services.AddSingleton(sp => new RegistryMetrics(sp.GetService<IMeterFactory>()));
        builder.Services.AddSingleton(sp => new DigestResolver(RegistryClientOptions.From(policy.Registry),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<RegistryMetrics>(), sp.GetService<ILoggerFactory>()));
        builder.Services.AddSingleton(sp => new ImagePinPatcher(sp.GetRequiredService<DigestResolver>()));
        builder.Services.AddSingleton<MutationEndpoint>();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(RegistryMetrics.MeterName));
    }

    public static void MapImageMutation(this WebApplication app, PolicyOptions policy)
    {
        if (!policy.Mutation.Enabled)
        {
            return;
        }
        // Built now, not at the first review: a bad caFile or dockerConfig fails the start.
        var endpoint = app.Services.GetRequiredService<MutationEndpoint>();
        app.MapPost(Path, endpoint.HandleAsync);
    }
}
