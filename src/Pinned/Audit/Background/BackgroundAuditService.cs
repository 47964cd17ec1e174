using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinned.Policy;

namespace Pinned.Audit.Background;

/// <summary>
/// The background audit of <c>pinned serve</c> (SPEC.md §8, policy file <c>audit:</c>): connects
/// as the pod's service account (or a kubeconfig, outside a cluster), competes for the Lease, and
/// runs the rounds while it leads. Admission never waits for it and /readyz ignores it: a
/// failing audit is logged and shown in its metrics, and the webhook goes on answering.
/// </summary>
internal sealed class BackgroundAuditService(
    PolicyOptions policy,
    AuditTelemetry telemetry,
    AuditPublishers publishers,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger("Pinned.Audit");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host awaits ExecuteAsync up to its first await before it starts Kestrel.
        await Task.Yield();
        var environment = ClusterConnection.Variables(Environment.GetEnvironmentVariables());
        KubeApi api;
        try
        {
            api = ClusterConnection.Open(null, null, environment);
        }
        catch (ClusterConnectionException e)
        {
            AuditLog.AuditOff(_logger, e.Message);
            return;
        }

        using (api)
        {
            var options = policy.Audit;
            var loop = new AuditRoundLoop(new ClusterAudit(api, new PolicyEvaluator(policy)), options, telemetry,
                publishers.Create(api.Client), time, _logger);
            var leadership = new AuditLeadership(api.Client, AuditLease.FromEnvironment(environment, options.LeaseDuration), _logger);
            await leadership.RunAsync(loop.RunAsync, telemetry.SetLeader, stoppingToken).ConfigureAwait(false);
        }
    }

}
