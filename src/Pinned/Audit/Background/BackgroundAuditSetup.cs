using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Pinned.Policy;

namespace Pinned.Audit.Background;

/// <summary>Wires the background audit into <c>pinned serve</c>, only when <c>audit.enabled</c>.</summary>
internal static class BackgroundAuditSetup
{
    public static void AddBackgroundAudit(this WebApplicationBuilder builder, PolicyOptions policy)
    {
        if (!policy.Audit.Enabled)
        {
            return;
        }

        builder.Services.AddSingleton<AuditTelemetry>();
        builder.Services.AddSingleton<AuditPublishers>();
        builder.Services.AddHostedService<BackgroundAuditService>();
    }
}
