using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

/// <summary>No lockout: configurations appear only once the pods answer, and go first on uninstall.</summary>
public sealed class HookTests
{
    public static TheoryData<string> ValueSetNames => [.. ValueSets.All];

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Wait_job_rolls_out_the_webhook_deployment_before_the_configurations(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);
        var fullname = ChartNames.Fullname(valueSet);
        var job = manifest.Single("Job", fullname + "-wait");
        var timeout = (int)ValueSets.Values(valueSet)["hooks"]!["waitTimeoutSeconds"]!;

        Assert.Equal(["post-install", "post-upgrade"], job.HookEvents);
        Assert.Equal(
            ["rollout", "status", $"deployment/{manifest.Single("Deployment").Name}", "--namespace", ChartRenderer.Namespace, $"--timeout={timeout}s"],
            job["spec.template.spec.containers[0].args"]!.AsArray().Select(a => (string?)a));
        Assert.True((int)job["spec.activeDeadlineSeconds"]! > timeout);
        Assert.Equal("Never", (string?)job["spec.template.spec.restartPolicy"]);
        AssertRunsAsItsOwnAccountCreatedFirst(manifest, job);
    }

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Wait_job_may_only_read_the_one_deployment(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);
        var fullname = ChartNames.Fullname(valueSet);

        var rule = Assert.Single(manifest.Single("Role", fullname + "-wait")["rules"]!.AsArray());
        Assert.Equal(["apps"], rule!["apiGroups"]!.AsArray().Select(g => (string?)g));
        Assert.Equal(["deployments"], rule["resources"]!.AsArray().Select(r => (string?)r));
        Assert.Equal([manifest.Single("Deployment").Name], rule["resourceNames"]!.AsArray().Select(r => (string?)r));
        Assert.Equal(["get", "list", "watch"], rule["verbs"]!.AsArray().Select(v => (string?)v));
        Assert.DoesNotContain(manifest.OfKind("ClusterRole"), r => r.HookEvents.Contains("post-install"));
    }

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Cleanup_job_deletes_exactly_the_configurations_before_uninstall(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);
        var fullname = ChartNames.Fullname(valueSet);
        var job = manifest.Single("Job", fullname + "-cleanup");
        // Both configurations are named after the release; with admission.engine vap only the mutating one may exist.
        var configurationName = fullname;
        Assert.All(manifest.OfKind("ValidatingWebhookConfiguration"), v => Assert.Equal(configurationName, v.Name));

        Assert.Equal(["pre-delete"], job.HookEvents);
        var args = job["spec.template.spec.containers[0].args"]!.AsArray().Select(a => (string?)a);
        Assert.Equal(["delete", "validatingwebhookconfiguration,mutatingwebhookconfiguration", configurationName, "--ignore-not-found", "--wait=false"], args);
        Assert.All(manifest.OfKind("MutatingWebhookConfiguration"), m => Assert.Equal(configurationName, m.Name));

        var rule = Assert.Single(manifest.Single("ClusterRole", fullname + "-cleanup")["rules"]!.AsArray());
        Assert.Equal(["validatingwebhookconfigurations", "mutatingwebhookconfigurations"], rule!["resources"]!.AsArray().Select(r => (string?)r));
        Assert.Equal([configurationName], rule["resourceNames"]!.AsArray().Select(r => (string?)r));
        Assert.Equal(["get", "delete"], rule["verbs"]!.AsArray().Select(v => (string?)v));
        AssertRunsAsItsOwnAccountCreatedFirst(manifest, job);
    }

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Hook_jobs_use_the_pinned_kubectl_image(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);
        var image = ValueSets.Values(valueSet)["hooks"]!["image"]!;
        var expected = $"{image["repository"]}:{image["tag"]}@{image["digest"]}";

        foreach (var job in manifest.OfKind("Job"))
        {
            Assert.Equal(expected, (string?)job["spec.template.spec.containers[0].image"]);
            Assert.Equal(["kubectl"], job["spec.template.spec.containers[0].command"]!.AsArray().Select(c => (string?)c));
        }

        // wait and cleanup; with admission.engine vap also the pre-upgrade engine switch.
        bool vap = (string?)ValueSets.Values(valueSet)["admission"]!["engine"] == "vap";
        Assert.Equal(vap ? 3 : 2, manifest.OfKind("Job").Count());
    }

    private static void AssertRunsAsItsOwnAccountCreatedFirst(Manifest manifest, KubeObject job)
    {
        var account = (string)job["spec.template.spec.serviceAccountName"]!;
        var binding = manifest.Objects.Single(o => o.Kind is "RoleBinding" or "ClusterRoleBinding" && o.Name == account);
        Assert.Equal(account, (string?)binding["subjects[0].name"]);
        foreach (var prerequisite in new[] { manifest.Single("ServiceAccount", account), binding })
        {
            Assert.Equal(job.HookEvents, prerequisite.HookEvents);
            Assert.True(prerequisite.HookWeight < job.HookWeight, $"{prerequisite} must exist before {job}");
        }

        Assert.Contains("hook-succeeded", job.Annotations["helm.sh/hook-delete-policy"], StringComparison.Ordinal);
    }
}
