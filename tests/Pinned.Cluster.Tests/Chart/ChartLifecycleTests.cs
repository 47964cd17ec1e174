using k8s;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>
/// charts/pinned installed, upgraded and uninstalled by real Helm 3 and 4 against the real API
/// server, the test standing in for the kubelet and the controllers (<see cref="ClusterStandIn"/>),
/// while a user keeps creating pods (<see cref="AdmissionProbe"/>). No lockout at any step: the
/// webhook configuration exists only while ready pods answer it, and nothing is refused for want
/// of an answer; on upgrade the configuration is never absent and every pod created is reviewed.
/// </summary>
[Collection(HelmCluster.Name)]
public sealed class ChartLifecycleTests(LoopbackServiceApiServer server)
{
    [Theory, MemberData(nameof(HelmBinary.Majors), MemberType = typeof(HelmBinary))]
    public async Task Install_upgrades_and_uninstall_never_leave_the_cluster_without_the_promised_webhook(int major)
    {
        await using var release = await ChartRelease.CreateAsync(server, major, "life");

        // Install (defaults: audit mode, failurePolicy Fail).
        var probe = release.StartProbe();
        var install = await release.InstallAsync();
        var probes = await probe.StopAsync();
        Assert.True(install.ExitCode == 0, $"helm install: {install}{release.Describe(probes)}");
        Assert.DoesNotContain(probes, p => p.WebhookUnreachable);
        var created = release.Watch.Events.First(e => e is { Subject: "configuration", Type: WatchEventType.Added });
        Assert.True(created.ReadyPods > 0, $"the webhook configuration appeared before a pod was ready{release.Describe(probes)}");
        var uid = created.Uid;
        await AssertReviewedAsync(release, await NextProbeAsync(release));

        // Upgrades: a values change (webhook timeout, an exempt namespace: configuration and
        // policy), an image change, then audit → enforce. Each rolls the pods.
        string[][] steps =
        [
            ["webhook.timeoutSeconds=8", "policy.exemptNamespaces[0]=ops-tools"],
            ["webhook.timeoutSeconds=8", "policy.exemptNamespaces[0]=ops-tools", "image.digest=sha256:" + new string('1', 64)],
            ["webhook.timeoutSeconds=8", "policy.exemptNamespaces[0]=ops-tools", "image.digest=sha256:" + new string('1', 64), "policy.mode=enforce"],
        ];
        foreach (var sets in steps)
        {
            var before = release.Watch.Events.Count;
            probe = release.StartProbe();
            var upgrade = await release.UpgradeAsync(sets);
            probes = await probe.StopAsync();
            var context = $"upgrade --set {string.Join(',', sets)}";
            Assert.True(upgrade.ExitCode == 0, $"{context}: {upgrade}{release.Describe(probes)}");
            var events = release.Watch.Events.Skip(before).Where(e => e.Subject == "configuration").ToList();
            Assert.DoesNotContain(events, e => e.Type == WatchEventType.Deleted || e.Uid != uid || e.ReadyPods == 0);
            Assert.False(probes.Any(p => p.WebhookUnreachable), $"{context}: the webhook did not answer{release.Describe(probes)}");
            Assert.Null(await release.FirstAdmittedUnreviewedAsync(probes));
            Assert.True(probes.Count > 0 && probes.All(p => p.Admitted || p.DeniedByWebhook), $"{context}: probes{release.Describe(probes)}");
        }

        var configuration = await server.KubectlOkAsync("get", "validatingwebhookconfiguration", release.Name, "-o", "jsonpath={.webhooks[0].timeoutSeconds}");
        Assert.Equal("8", configuration);
        var enforced = await NextProbeAsync(release);
        Assert.True(enforced.DeniedByWebhook, $"after audit → enforce an unpinned pod is denied: {enforced}");

        // Uninstall: the cleanup hook deletes the configuration while the pods still answer, then the Deployment goes.
        probe = release.StartProbe();
        var uninstall = await release.UninstallAsync();
        probes = await probe.StopAsync();
        Assert.True(uninstall.ExitCode == 0, $"helm uninstall: {uninstall}{release.Describe(probes)}");
        var deleted = release.Watch.Events.Single(e => e is { Subject: "configuration", Type: WatchEventType.Deleted });
        var deploymentGone = release.Watch.Events.Single(e => e is { Subject: "deployment", Type: WatchEventType.Deleted });
        Assert.True(deleted.At <= deploymentGone.At && deleted.ReadyPods > 0, $"configuration deleted before the Deployment{release.Describe(probes)}");
        Assert.DoesNotContain(probes, p => p.WebhookUnreachable);
        Assert.True((await NextProbeAsync(release)).Admitted, "after uninstall nothing is in the way");
    }

    [Theory, MemberData(nameof(HelmBinary.Majors), MemberType = typeof(HelmBinary))]
    public async Task A_failed_or_interrupted_uninstall_leaves_the_webhook_answering(int major)
    {
        await using var release = await ChartRelease.CreateAsync(server, major, "halt");
        var install = await release.InstallAsync();
        Assert.True(install.ExitCode == 0, $"helm install: {install}{release.Describe()}");

        // The cleanup Job's pod fails (say its image cannot be pulled): Helm gives up before deleting anything.
        release.StandIn.JobFates = job => job.Metadata.Name.EndsWith("-cleanup", StringComparison.Ordinal) ? JobFate.Fail : JobFate.Run;
        var failed = await release.UninstallAsync("60s");
        Assert.NotEqual(0, failed.ExitCode);
        await AssertReviewedAsync(release, await NextProbeAsync(release));

        // The cleanup Job's pod never starts and Helm is killed while it waits.
        release.StandIn.JobFates = job => job.Metadata.Name.EndsWith("-cleanup", StringComparison.Ordinal) ? JobFate.Hold : JobFate.Run;
        using (var interrupt = new CancellationTokenSource())
        {
            var uninstalling = release.UninstallAsync(cancellationToken: interrupt.Token);
            await WaitForAsync(() => release.StandIn.Log.Contains("-cleanup: pod held Pending", StringComparison.Ordinal), release);
            await interrupt.CancelAsync();
            // ChildProcess kills Helm when its token is cancelled, and says so with a TimeoutException.
            await Assert.ThrowsAsync<TimeoutException>(() => uninstalling);
        }

        await AssertReviewedAsync(release, await NextProbeAsync(release));

        // A later uninstall that can run its hook finishes the job.
        release.StandIn.JobFates = _ => JobFate.Run;
        var uninstall = await release.UninstallAsync();
        Assert.True(uninstall.ExitCode == 0, $"helm uninstall after the failed ones: {uninstall}{release.Describe()}");
        Assert.True((await NextProbeAsync(release)).Admitted, "after uninstall nothing is in the way");
    }

    private static Task<ProbeResult> NextProbeAsync(ChartRelease release) => release.ProbeOnceAsync();

    private static async Task AssertReviewedAsync(ChartRelease release, ProbeResult probe)
    {
        Assert.True(probe.Admitted || probe.DeniedByWebhook, $"the webhook answers: {probe}{release.Describe()}");
        Assert.Null(await release.FirstAdmittedUnreviewedAsync([probe]));
    }

    private static async Task WaitForAsync(Func<bool> condition, ChartRelease release)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (!condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"waited 120 s in vain{release.Describe()}");
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }
}
