using k8s;
using Microsoft.Extensions.Logging.Testing;
using Pinned.Audit.Reports;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit.Reports;

/// <summary>
/// The background audit's PolicyReports against the real API server with the wgpolicyk8s.io CRDs:
/// one per namespace with failures, exact results and summary, replaced in place, removed when the
/// namespace is clean, capped at 1000 results with the summary still exact, and nobody else's touched.
/// </summary>
[Collection(ReportsCluster.Name)]
public sealed class PolicyReportPublisherTests(PlainApiServer server)
{
    private static readonly SemaphoreSlim Gate = new(1);
    private static bool _installed;

    [Fact]
    public async Task Reports_hold_each_namespaces_failures_are_replaced_in_place_and_removed_when_it_is_clean()
    {
        await RequireCrdsAsync();
        var scenario = await AuditScenario.CreateAsync(server);
        var billing = await ReportAudit.FailingNamespaceAsync(server, "billing");
        using var client = server.AdminClient();
        var publisher = new PolicyReportPublisher(client, new FakeLogger<PolicyReportPublisher>());

        await publisher.PublishAsync(await ReportAudit.RunAsync(server, scenario.PolicyFile, scenario.Shop, scenario.Tools, billing), Token);

        var shop = await PublishedReports.RequireAsync(client, scenario.Shop);
        Assert.Equal(ShopLines(), PublishedReports.Lines(shop));
        Assert.Equal((0, 8, 2, 0, 0), PublishedReports.Summary(shop));
        Assert.Equal("pinned", PublishedReports.Label(shop, "app.kubernetes.io/managed-by"));
        var billed = await PublishedReports.RequireAsync(client, billing);
        Assert.Equal([ReportAudit.FailingLine()], PublishedReports.Lines(billed));
        Assert.Equal((0, 1, 0, 0, 0), PublishedReports.Summary(billed));
        Assert.Null(await PublishedReports.GetAsync(client, scenario.Tools));

        await server.KubectlOkAsync("-n", scenario.Shop, "delete", "deployment/web", "replicaset/web-5d4", "replicaset/web-77c",
            "pod/web-5d4-a", "pod/web-5d4-b", "pod/web-5d4-c", "pod/web-77c-a", "pod/toolbox", "--force", "--grace-period=0");
        await server.KubectlOkAsync("-n", billing, "delete", "deployment/batch");
        await publisher.PublishAsync(await ReportAudit.RunAsync(server, scenario.PolicyFile, scenario.Shop, scenario.Tools, billing), Token);

        var fixedShop = await PublishedReports.RequireAsync(client, scenario.Shop);
        Assert.Equal(PublishedReports.Metadata(shop, "uid"), PublishedReports.Metadata(fixedShop, "uid"));
        Assert.NotEqual(PublishedReports.Metadata(shop, "resourceVersion"), PublishedReports.Metadata(fixedShop, "resourceVersion"));
        Assert.Equal([.. ShopLines().Where(l => !l.Contains("Deployment/web", StringComparison.Ordinal) && !l.Contains("Pod/toolbox", StringComparison.Ordinal))],
            PublishedReports.Lines(fixedShop));
        Assert.Equal((0, 3, 1, 0, 0), PublishedReports.Summary(fixedShop));
        Assert.Null(await PublishedReports.GetAsync(client, billing));
    }

    [Fact]
    public async Task A_namespace_with_more_than_1000_failures_gets_1000_results_and_the_exact_summary()
    {
        await RequireCrdsAsync();
        var ns = await server.CreateNamespaceAsync("wide");
        using var client = server.AdminClient();
        await new ClusterObjects(client, ns).PodAsync("wide", ReportAudit.WideSpec(600));
        try
        {
            var audit = await ReportAudit.RunAsync(server, null, ns);
            // The summary counts the whole cluster; the results are narrowed to this namespace.
            Assert.Equal(1200, audit.Results.Sum(r => r.Violations.Count));

            await new PolicyReportPublisher(client, new FakeLogger<PolicyReportPublisher>()).PublishAsync(audit, Token);

            var report = await PublishedReports.RequireAsync(client, ns);
            var lines = PublishedReports.Lines(report);
            Assert.Equal(PolicyReportBuilder.MaxResults, lines.Length);
            Assert.Equal("fail high image-digest v1 Pod/wide image=nginx path=spec.containers[0].image pods=1", lines[0]);
            Assert.Equal("fail high mutable-tag v1 Pod/wide image=nginx path=spec.containers[399].image pods=1", lines[^1]);
            Assert.Equal((0, 1200, 0, 0, 0), PublishedReports.Summary(report));
            Assert.Equal("true", report.GetProperty("metadata").GetProperty("annotations").GetProperty("pinned.dev/results-truncated").GetString());
            // etcd keeps no object over 1.5 MiB: a full report must fit, with room for longer messages than these.
            var size = report.GetRawText().Length;
            Assert.True(size < 1_572_864 / 2, $"a report of 1000 results takes {size} bytes");
        }
        finally
        {
            // Later tests audit the whole cluster: 600 containers of nobody's need not be judged each time.
            await server.KubectlOkAsync("-n", ns, "delete", "pod/wide", "--force", "--grace-period=0");
        }
    }

    [Fact]
    public async Task Reports_that_are_not_Pinneds_are_left_alone_even_when_named_pinned()
    {
        await RequireCrdsAsync();
        var mixed = await ReportAudit.FailingNamespaceAsync(server, "mixed");
        var taken = await ReportAudit.FailingNamespaceAsync(server, "taken");
        var quiet = await server.CreateNamespaceAsync("quiet");
        await server.ApplyAsync(ReportAudit.ForeignReport(mixed, "kyverno-pol", "kyverno"));
        await server.ApplyAsync(ReportAudit.ForeignReport(taken, "pinned", null));
        await server.ApplyAsync(ReportAudit.ForeignReport(quiet, "pinned", "kyverno"));
        using var client = server.AdminClient();
        var foreign = new[] { (mixed, "kyverno-pol"), (taken, "pinned"), (quiet, "pinned") };
        var before = await Task.WhenAll(foreign.Select(f => PublishedReports.RequireAsync(client, f.Item1, f.Item2)));
        var logger = new FakeLogger<PolicyReportPublisher>();

        await new PolicyReportPublisher(client, logger).PublishAsync(await ReportAudit.RunAsync(server, null, mixed, taken, quiet), Token);

        var after = await Task.WhenAll(foreign.Select(f => PublishedReports.RequireAsync(client, f.Item1, f.Item2)));
        Assert.Equal(before.Select(r => PublishedReports.Metadata(r, "resourceVersion")), after.Select(r => PublishedReports.Metadata(r, "resourceVersion")));
        Assert.Equal(["pass - require-labels"], after.SelectMany(r => r.GetProperty("results").EnumerateArray()
            .Select(x => $"{x.GetProperty("result").GetString()} - {x.GetProperty("policy").GetString()}")).Distinct());
        Assert.Equal([ReportAudit.FailingLine()], PublishedReports.Lines(await PublishedReports.RequireAsync(client, mixed)));
        var notOurs = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Name == "ReportNotOurs");
        Assert.Contains($"{taken}/pinned", notOurs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_server_errors_and_a_conflict_are_retried_and_every_namespace_is_still_written()
    {
        await RequireCrdsAsync();
        var a = await ReportAudit.FailingNamespaceAsync(server, "retry-a");
        var b = await ReportAudit.FailingNamespaceAsync(server, "retry-b");
        var c = await ReportAudit.FailingNamespaceAsync(server, "retry-c");
        using var client = server.AdminClient();
        await new PolicyReportPublisher(client, new FakeLogger<PolicyReportPublisher>()).PublishAsync(await ReportAudit.RunAsync(server, null, a, b), Token);
        var before = await Task.WhenAll(new[] { a, b }.Select(ns => PublishedReports.RequireAsync(client, ns)));
        await using var proxy = await FaultProxy.StartAsync(server);
        const string Api = "/apis/wgpolicyk8s.io/v1alpha2/";
        proxy.Add(new Fault(FaultKind.TooManyRequests, q => q.StartsWith(Api + "policyreports?", StringComparison.Ordinal)));
        proxy.Add(new Fault(FaultKind.ServerError, q => q.StartsWith($"{Api}namespaces/{a}/policyreports/pinned", StringComparison.Ordinal), Times: 2));
        proxy.Add(new Fault(FaultKind.Conflict, q => q.StartsWith($"{Api}namespaces/{b}/policyreports/pinned", StringComparison.Ordinal)));
        proxy.Add(new Fault(FaultKind.ServerError, q => q.StartsWith($"{Api}namespaces/{c}/policyreports", StringComparison.Ordinal)));
        using var proxied = new Kubernetes(new KubernetesClientConfiguration { Host = proxy.Url.ToString(), AccessToken = server.AdminToken });
        var logger = new FakeLogger<PolicyReportPublisher>();

        await new PolicyReportPublisher(proxied, logger).PublishAsync(await ReportAudit.RunAsync(server, null, a, b, c), Token);

        Assert.Equal((1, 3, 1), (proxy.Played(FaultKind.TooManyRequests), proxy.Played(FaultKind.ServerError), proxy.Played(FaultKind.Conflict)));
        Assert.Equal("PolicyReports: 3 written, 0 deleted, 0 failed", Assert.Single(logger.Collector.GetSnapshot()).Message);
        var after = await Task.WhenAll(new[] { a, b, c }.Select(ns => PublishedReports.RequireAsync(client, ns)));
        Assert.Equal(before.Select(r => PublishedReports.Metadata(r, "uid")), after[..2].Select(r => PublishedReports.Metadata(r, "uid")));
        Assert.All(after, r => Assert.Equal([ReportAudit.FailingLine()], PublishedReports.Lines(r)));
        var seen = proxy.Seen.ToList();
        Assert.Equal(["PUT Conflict", "GET forwarded", "PUT forwarded"], seen
            .Where(s => s.PathAndQuery.StartsWith($"{Api}namespaces/{b}/", StringComparison.Ordinal)).Select(s => $"{s.Method} {s.Outcome}"));
        var lists = seen.Where(s => s.PathAndQuery.StartsWith(Api + "policyreports?", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lists.Count);
        Assert.True(lists[1].At - lists[0].At >= TimeSpan.FromSeconds(0.9), $"the retry after a 429 with Retry-After: 1 came {(lists[1].At - lists[0].At).TotalSeconds:0.00} s later");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task RequireCrdsAsync()
    {
        server.Require();
        await Gate.WaitAsync(Token);
        try
        {
            if (!_installed)
            {
                await ReportCrds.InstallAsync(server);
                _installed = true;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string[] ShopLines() =>
    [
        "fail high image-digest batch/v1 CronJob/nightly image=alpine:3.20 path=spec.jobTemplate.spec.template.spec.containers[0].image pods=1",
        "fail high host-path apps/v1 DaemonSet/agent path=spec.template.spec.volumes[0] pods=1",
        $"warn medium pinned-but-different apps/v1 Deployment/api image={AuditScenario.ApiImage} pods=2",
        "fail high image-digest apps/v1 Deployment/web image=nginx:1.27 path=spec.template.spec.containers[0].image pods=4",
        "warn medium tag-on-several-digests apps/v1 Deployment/web image=nginx:1.27 pods=4",
        "fail high image-digest apps/v1 Deployment/web image=busybox:1.36 path=spec.ephemeralContainers[0].image pod=web-5d4-c pods=1",
        "fail high image-digest apps/v1 Deployment/web image=nginx:1.26 path=spec.containers[0].image pod=web-77c-a pods=1",
        "fail high image-digest v1 Pod/toolbox image=busybox path=spec.containers[0].image pods=1",
        "fail high mutable-tag v1 Pod/toolbox image=busybox path=spec.containers[0].image pods=1",
        "fail high image-digest v1 ReplicationController/legacy image=httpd:2.4 path=spec.template.spec.containers[0].image pods=1",
    ];
}
