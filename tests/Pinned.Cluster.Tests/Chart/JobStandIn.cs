using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>
/// The Job controller and the kubelet for one Job: a pod owned by the Job, the container's command
/// run here with the test's kubeconfig (the hook images carry only kubectl), then the pod's and
/// the Job's status as those two would write them.
/// </summary>
internal static class JobStandIn
{
    public static async Task RunAsync(Kubernetes client, KubeApiServer server, V1Job job, JobFate fate, Action<string> log, CancellationToken cancellationToken)
    {
        var ns = job.Metadata.NamespaceProperty;
        var template = job.Spec.Template;
        var pod = await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{job.Metadata.Name}-{Guid.NewGuid().ToString("N")[..5]}",
                Labels = template.Metadata?.Labels,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "batch/v1", Kind = "Job", Name = job.Metadata.Name, Uid = job.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
            },
            Spec = template.Spec,
        }, ns, cancellationToken: cancellationToken);
        if (fate == JobFate.Hold)
        {
            log($"job {job.Metadata.Name}: pod held Pending");
            return;
        }

        var started = DateTime.UtcNow;
        await client.CoreV1.PatchNamespacedPodStatusAsync(MergePatch(new { status = new { phase = "Running", startTime = started } }), pod.Metadata.Name, ns, cancellationToken: cancellationToken);
        var succeeded = false;
        if (fate == JobFate.Run)
        {
            var container = template.Spec.Containers.Single();
            var budget = TimeSpan.FromSeconds(job.Spec.ActiveDeadlineSeconds ?? 300);
            var result = await ChildProcess.RunAsync(container.Command.Single(), container.Args ?? [], budget,
                new Dictionary<string, string?> { ["KUBECONFIG"] = server.KubeconfigPath }, cancellationToken: cancellationToken);
            succeeded = result.ExitCode == 0;
            log($"job {job.Metadata.Name}: {string.Join(' ', container.Args ?? [])} → {result}");
        }

        var finished = DateTime.UtcNow;
        await client.CoreV1.PatchNamespacedPodStatusAsync(
            MergePatch(new { status = new { phase = succeeded ? "Succeeded" : "Failed" } }), pod.Metadata.Name, ns, cancellationToken: cancellationToken);
        object jobStatus = succeeded
            ? new { status = new { startTime = started, completionTime = finished, succeeded = 1, conditions = new[] { Condition("Complete", "", finished) } } }
            : new { status = new { startTime = started, failed = 1, conditions = new[] { Condition("Failed", "BackoffLimitExceeded", finished) } } };
        await client.BatchV1.PatchNamespacedJobStatusAsync(MergePatch(jobStatus), job.Metadata.Name, ns, cancellationToken: cancellationToken);
        log($"job {job.Metadata.Name}: {(succeeded ? "Complete" : "Failed")}");
    }

    private static object Condition(string type, string reason, DateTime at) => new
    {
        type,
        status = "True",
        reason = reason.Length == 0 ? null : reason,
        lastProbeTime = at,
        lastTransitionTime = at,
    };

    private static readonly JsonSerializerOptions PatchJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static V1Patch MergePatch(object body) => new(JsonSerializer.Serialize(body, PatchJson), V1Patch.PatchType.MergePatch);
}
