using System.Net.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinned.Admission;
using Pinned.Audit.Background;
using Pinned.Logging;
using Pinned.Mutation;
using Pinned.Policy;
using Pinned.Telemetry;
using Pinned.Tls;

namespace Pinned.Serve;

/// <summary>Builds the webhook's WebApplication: Kestrel over TLS, the endpoints, telemetry, logging, shutdown.</summary>
internal static class WebhookHost
{
    private const string NoConfigReload = "--hostBuilder:reloadConfigOnChange=false";

    public static WebApplication Build(ServeSettings settings, PolicyOptions policy, Action<WebApplicationBuilder>? configure = null)
    {
        // Pinned takes its settings from flags, the policy file and the environment. The host would
        // also watch appsettings.json for changes in the working directory, with an inotify watch
        // on every directory below it: ~90 000 watches and 36 MB more at idle when started from /.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [NoConfigReload] });
        ConfigureLogging(builder.Logging);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(policy);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new AdmissionDecider(new PolicyEvaluator(policy)));
        builder.Services.AddSingleton<AdmissionEndpoint>();
        builder.Services.AddSingleton<ReviewLogger>();
        builder.Services.AddSingleton<ReadinessState>();
        builder.Services.AddSingleton<CertificateStore>();
        builder.Services.AddHostedService<ShutdownCoordinator>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownDelay + settings.DrainTimeout);
        if (settings.Certificate is { } files)
        {
            builder.Services.AddSingleton(files);
            builder.Services.AddSingleton<CertificateReloader>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<CertificateReloader>());
        }

        builder.AddWebhookTelemetry();
        builder.AddImageMutation(policy);
        builder.AddBackgroundAudit(policy);
        builder.WebHost.ConfigureKestrel((context, kestrel) => ConfigureKestrel(kestrel, settings));
        configure?.Invoke(builder);

        var app = builder.Build();
        if (settings.Dev)
        {
            app.Services.GetRequiredService<CertificateStore>().Set(DevCertificate.Create(TimeProvider.System));
        }

        app.UseMiddleware<CloseConnectionsWhileStoppingMiddleware>();
        app.UseMiddleware<UnhandledExceptionMiddleware>();
        var endpoint = app.Services.GetRequiredService<AdmissionEndpoint>();
        app.MapPost("/validate", context => endpoint.HandleAsync(context, RuleAction.Enforce));
        app.MapPost("/validate/audit", context => endpoint.HandleAsync(context, RuleAction.Audit));
        app.MapPost("/validate/warn", context => endpoint.HandleAsync(context, RuleAction.Warn));
        app.MapImageMutation(policy);
        app.MapHealth(app.Services.GetRequiredService<ReadinessState>());
        app.MapWebhookTelemetry();
        return app;
    }

    /// <summary>Loads the certificate files once before serving; false (and the reason) when they are unusable.</summary>
    public static bool TryLoadCertificate(WebApplication app, out string error)
    {
        error = string.Empty;
        if (app.Services.GetService<CertificateReloader>() is not { } reloader)
        {
            return true;
        }

        if (reloader.TryLoad())
        {
            return true;
        }

        var files = app.Services.GetRequiredService<CertificateFiles>();
        error = $"cannot load a certificate and key from {files.CertPath} and {files.KeyPath} (see the log above)";
        return false;
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, ServeSettings settings)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
        kestrel.Limits.RequestHeadersTimeout = RequestLimits.RequestHeadersTimeout;
        var store = kestrel.ApplicationServices.GetRequiredService<CertificateStore>();
        kestrel.Listen(settings.Address, settings.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                // Read per handshake: a rotated certificate reaches every new connection.
                OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = store.Context
                        ?? throw new InvalidOperationException("no serving certificate is loaded"),
                }),
            });
        });
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        // JSON lines on stdout in the shape of Microsoft's JSON console formatter, formatted on the
        // calling thread and written in batches (see Logging/BatchedLogWriter.cs and PERFORMANCE.md).
        logging.AddBatchedJsonConsole();
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        // ASP.NET Core starts an Activity for every request whenever this category's logger is
        // enabled at any level (for log scopes' trace ids), ~2% of CPU under load; it only writes
        // request start/finish lines, which are off anyway. Traces, when OTLP is set, still get theirs.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
    }
}
