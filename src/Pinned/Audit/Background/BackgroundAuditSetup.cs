using Microsoft.AspNetCore.Builder;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinned.Audit.Reports;
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
        if (policy.Audit.Reports)
        {
            builder.Services.AddSingleton<Func<IKubernetes, IAuditRoundPublisher>>(sp =>
                client => new PolicyReportPublisher(client, sp.GetRequiredService<ILogger<PolicyReportPublisher>>()));
        }

        builder.Services.AddHostedService<BackgroundAuditService>();
    }
}
