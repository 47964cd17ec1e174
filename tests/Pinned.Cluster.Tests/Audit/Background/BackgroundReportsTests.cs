using System.Diagnostics;
using Pinned.Cluster.Tests.Audit.Reports;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit.Background;

/// <summary>`pinned serve` with `audit.reports: true`: its rounds write the PolicyReports, and remove one when its namespace is clean.</summary>
[Collection(ReportsCluster.Name)]
public sealed class BackgroundReportsTests(PlainApiServer server)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_rounds_of_serve_write_a_report_per_namespace_with_failures_and_remove_it_once_clean()
    {
        server.Require();
        await ReportCrds.InstallAsync(server);
        var scenario = await AuditScenario.CreateAsync(server);
        var leaseNamespace = await server.CreateNamespaceAsync("pinned");
        var policy = Path.Combine(server.RunDirectory, $"{leaseNamespace}-policy.yaml");
        await File.WriteAllTextAsync(policy, $"exemptNamespaces: [{scenario.Tools}]\naudit: {{enabled: true, interval: 2s, jitter: 0, reports: true}}\n",
            TestContext.Current.CancellationToken);
        using var client = server.AdminClient();
        await using var serve = ServeProcess.StartAuditing(server.KubeconfigPath, policy, leaseNamespace, "audit", "pinned-0");

        await UntilAsync(serve, async () => await PublishedReports.GetAsync(client, scenario.Shop) is not null, "the shop's report");
        var report = await PublishedReports.RequireAsync(client, scenario.Shop);
        var (_, fail, warn, _, _) = PublishedReports.Summary(report);
        Assert.True(fail > 0, string.Join('\n', PublishedReports.Lines(report)));
        Assert.Equal(fail + warn, PublishedReports.Lines(report).Length);
        Assert.Null(await PublishedReports.GetAsync(client, scenario.Tools));

        await server.KubectlOkAsync("-n", scenario.Shop, "delete", "deployments,replicasets,statefulsets,daemonsets,replicationcontrollers,cronjobs,jobs,pods",
            "--all", "--force", "--grace-period=0");
        await UntilAsync(serve, async () => await PublishedReports.GetAsync(client, scenario.Shop) is null, "the report's removal");

        // The other tests of this server audit the whole cluster: leave them nothing of this one's.
        await server.KubectlOkAsync("-n", scenario.Tools, "delete", "pods", "--all", "--force", "--grace-period=0");
    }

    private static async Task UntilAsync(ServeProcess serve, Func<Task<bool>> probe, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Budget && !serve.HasExited)
        {
            if (await probe())
            {
                return;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"{what}: not seen within {Budget.TotalSeconds:0} s (exited: {serve.HasExited})\n{serve.Output}");
    }
}
