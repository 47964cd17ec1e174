using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pinned.Telemetry;

/// <summary>
/// Metrics always (scraped at GET /metrics); traces and OTLP export only when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set, so that an unobserved webhook pays nothing for spans.
/// Besides pinned_*, /metrics carries the runtime's (GC, heap, thread pool), the process's (CPU,
/// memory) and Kestrel's connection metrics, so that an operator sees why a replica is slow.
/// </summary>
internal static class TelemetrySetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string KestrelMeterName = "Microsoft.AspNetCore.Server.Kestrel";

    public static void AddWebhookTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WebhookTelemetry>();
        var otel = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrEmpty(builder.Configuration["OTEL_SERVICE_NAME"]))
        {
            // Otherwise every series says service_name="unknown_service:dotnet".
            otel.ConfigureResource(resource => resource.AddService("pinned"));
        }

        otel.WithMetrics(metrics => metrics
            .AddMeter(WebhookTelemetry.Name)
            .AddMeter(KestrelMeterName)
            .AddRuntimeInstrumentation()
            .AddProcessInstrumentation()
            .AddPrometheusExporter());

        if (!string.IsNullOrEmpty(builder.Configuration[OtlpEndpointVariable]))
        {
            otel.WithTracing(tracing => tracing
                    .AddSource(WebhookTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path)))
                .UseOtlpExporter();
        }
    }

    public static void MapWebhookTelemetry(this WebApplication app) => app.MapPrometheusScrapingEndpoint("/metrics");

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics");
}
