using k8s;
using Pinned.Audit;
using Pinned.Cluster.Tests.Infrastructure;
using Pinned.Policy;

namespace Pinned.Cluster.Tests.Audit;

/// <summary>
/// Faults between the audit and a real API server, played by a proxy of the tests' own: the
/// same report as without them (no object lost, none counted twice), Retry-After waited for,
/// and a kind that keeps failing named while the others are audited.
/// </summary>
[Collection(AuditCluster.Name)]
public sealed class FaultTests(PlainApiServer server)
{
    /// <summary>Pages of 2 so that the shop's 11 pods take 6 pages, and faults can land mid-list.</summary>
    private static readonly ClusterReadOptions SmallPages = new() { PageSize = 2, RetryDelay = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task Throttling_server_errors_a_dropped_connection_and_an_expired_continue_token_change_nothing()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var direct = await AuditAsync(scenario, DirectApi(), SmallPages);
        await using var proxy = await FaultProxy.StartAsync(server);
        static bool Pods(string q) => q.Contains("/pods?", StringComparison.Ordinal);
        static bool Continued(string q) => q.Contains("continue=", StringComparison.Ordinal);
        proxy.Add(new Fault(FaultKind.TooManyRequests, q => Pods(q) && !Continued(q)));
        proxy.Add(new Fault(FaultKind.ServerError, q => q.Contains("/replicasets?", StringComparison.Ordinal), Times: 2));
        proxy.Add(new Fault(FaultKind.DropMidBody, q => Pods(q) && Continued(q)));
        proxy.Add(new Fault(FaultKind.ExpireContinue, q => Pods(q) && Continued(q)));

        var faulted = await AuditAsync(scenario, ProxiedApi(proxy), SmallPages);

        Assert.True(scenario.ExpectedResults().SequenceEqual(direct.Results.Select(AuditRendering.Line)), string.Join("\n", direct.Results.Select(AuditRendering.Line)));
        Assert.Equal(direct.Results.Select(AuditRendering.Line), faulted.Results.Select(AuditRendering.Line));
        Assert.Equal(direct.Pins, faulted.Pins);
        Assert.Equal(direct.Summary, faulted.Summary);
        Assert.Equal((1, 2, 1, 1), (proxy.Played(FaultKind.TooManyRequests), proxy.Played(FaultKind.ServerError),
            proxy.Played(FaultKind.DropMidBody), proxy.Played(FaultKind.ExpireContinue)));
        var pods = proxy.Seen.Where(s => Pods(s.PathAndQuery)).ToList();
        Assert.True(pods[1].At - pods[0].At >= TimeSpan.FromSeconds(0.9), $"the retry after a 429 with Retry-After: 1 came {(pods[1].At - pods[0].At).TotalSeconds:0.00} s later");
        // The expired token restarted the list: a second first page after the 429's retry.
        Assert.Equal(3, pods.Count(s => !Continued(s.PathAndQuery)));
    }

    [Fact]
    public async Task A_kind_that_keeps_failing_is_named_and_the_others_are_audited()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        await using var proxy = await FaultProxy.StartAsync(server);
        proxy.Add(new Fault(FaultKind.ServerError, q => q.Contains("/cronjobs?", StringComparison.Ordinal), Times: int.MaxValue));

        var report = await AuditAsync(scenario, ProxiedApi(proxy), SmallPages with { CallBudget = TimeSpan.FromSeconds(3) });

        var unread = Assert.Single(report.Unread);
        Assert.Equal(("CronJob", "cronjobs.batch"), (unread.Kind, unread.Resource));
        Assert.Contains("injected by the test's proxy", unread.Reason, StringComparison.Ordinal);
        Assert.Equal(2, report.ExitCode(failOnDrift: false));
        var lines = report.Results.Select(AuditRendering.Line).ToList();
        Assert.Contains(scenario.ExpectedResults()[3], lines); // Deployment web, as without the fault
        // Without CronJobs listed, the Job is the top owner its pods are reported under.
        Assert.Contains(lines, l => l.StartsWith($"{scenario.Shop}/Job/nightly-29000000 owner={scenario.Shop}/CronJob/nightly pods=1 deny", StringComparison.Ordinal));
    }

    private KubeApi DirectApi() => ClusterConnection.Open(server.KubeconfigPath, null, new Dictionary<string, string?>());

    private KubeApi ProxiedApi(FaultProxy proxy) =>
        new(new Kubernetes(new KubernetesClientConfiguration { Host = proxy.Url.ToString(), AccessToken = server.AdminToken }));

    private static async Task<AuditReport> AuditAsync(AuditScenario scenario, KubeApi api, ClusterReadOptions options)
    {
        using (api)
        {
            var audit = new ClusterAudit(api, new PolicyEvaluator(PolicyLoader.Load(scenario.PolicyFile)), options);
            return await audit.RunAsync(scenario.Shop, cancellationToken: TestContext.Current.CancellationToken);
        }
    }
}
