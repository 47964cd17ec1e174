using k8s;
using k8s.Models;

namespace Pinned.Cluster.Tests.Audit;

/// <summary>
/// Writes objects as users, controllers and kubelets would on a real cluster (this one has none):
/// workloads, the ReplicaSets/Jobs/Pods their controllers would make (ownerReferences with
/// controller: true), pod status with the image digests the runtime resolved, ephemeral
/// containers through the pods/ephemeralcontainers subresource.
/// </summary>
internal sealed class ClusterObjects(Kubernetes client, string ns)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static V1PodSpec Spec(string image, string container = "main", string? node = null, V1Volume? volume = null) => new()
    {
        Containers = [new V1Container { Name = container, Image = image }],
        NodeName = node,
        Volumes = volume is null ? null : [volume],
    };

    public static V1PodTemplateSpec Template(string app, V1PodSpec spec) =>
        new() { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } }, Spec = spec };

    private static V1LabelSelector Selector(string app) => new() { MatchLabels = new Dictionary<string, string> { ["app"] = app } };

    private V1ObjectMeta Meta(string name, V1OwnerReference? owner = null, string? app = null) => new()
    {
        Name = name,
        NamespaceProperty = ns,
        OwnerReferences = owner is null ? null : [owner],
        Labels = app is null ? null : new Dictionary<string, string> { ["app"] = app },
    };

    public static V1OwnerReference Controls(string apiVersion, string kind, V1ObjectMeta owner) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = owner.Name,
        Uid = owner.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    public async Task<V1ObjectMeta> DeploymentAsync(string name, V1PodSpec spec) =>
        (await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = Meta(name),
            Spec = new V1DeploymentSpec { Selector = Selector(name), Template = Template(name, spec) },
        }, ns, cancellationToken: Token)).Metadata;

    public async Task<V1ObjectMeta> ReplicaSetAsync(string name, string app, V1PodSpec spec, V1ObjectMeta? deployment) =>
        (await client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = Meta(name, deployment is null ? null : Controls("apps/v1", "Deployment", deployment), app),
            Spec = new V1ReplicaSetSpec { Selector = Selector(app), Template = Template(app, spec) },
        }, ns, cancellationToken: Token)).Metadata;

    public async Task<V1ObjectMeta> StatefulSetAsync(string name, V1PodSpec spec) =>
        (await client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = Meta(name),
            Spec = new V1StatefulSetSpec { Selector = Selector(name), Template = Template(name, spec), ServiceName = name },
        }, ns, cancellationToken: Token)).Metadata;

    public async Task<V1ObjectMeta> DaemonSetAsync(string name, V1PodSpec spec) =>
        (await client.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet
        {
            Metadata = Meta(name),
            Spec = new V1DaemonSetSpec { Selector = Selector(name), Template = Template(name, spec) },
        }, ns, cancellationToken: Token)).Metadata;

    public async Task<V1ObjectMeta> ReplicationControllerAsync(string name, V1PodSpec spec) =>
        (await client.CoreV1.CreateNamespacedReplicationControllerAsync(new V1ReplicationController
        {
            Metadata = Meta(name),
            Spec = new V1ReplicationControllerSpec { Selector = new Dictionary<string, string> { ["app"] = name }, Template = Template(name, spec) },
        }, ns, cancellationToken: Token)).Metadata;

    public async Task<V1ObjectMeta> CronJobAsync(string name, V1PodSpec spec)
    {
        spec.RestartPolicy = "OnFailure";
        return (await client.BatchV1.CreateNamespacedCronJobAsync(new V1CronJob
        {
            Metadata = Meta(name),
            Spec = new V1CronJobSpec
            {
                Schedule = "0 3 * * *",
                JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = spec } } },
            },
        }, ns, cancellationToken: Token)).Metadata;
    }

    public async Task<V1ObjectMeta> JobAsync(string name, V1PodSpec spec, V1ObjectMeta? cronJob)
    {
        spec.RestartPolicy = "OnFailure";
        return (await client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = Meta(name, cronJob is null ? null : Controls("batch/v1", "CronJob", cronJob)),
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = spec } },
        }, ns, cancellationToken: Token)).Metadata;
    }

    /// <summary>A pod (controlled by <paramref name="owner"/> when given), then its status as a kubelet would write it.</summary>
    public async Task<V1ObjectMeta> PodAsync(string name, V1PodSpec spec, V1OwnerReference? owner = null, params string[] imageIds)
    {
        var pod = await client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = Meta(name, owner), Spec = spec }, ns, cancellationToken: Token);
        if (imageIds.Length > 0)
        {
            await RunningAsync(name, spec.Containers.Select((c, i) => (c.Name, c.Image, imageIds[i])).ToArray());
        }

        return pod.Metadata;
    }

    /// <summary>Writes containerStatuses through the status subresource: each container running with the given imageID.</summary>
    public async Task RunningAsync(string pod, (string Name, string Image, string ImageId)[] containers)
    {
        var statuses = containers.Select(c => new V1ContainerStatus
        {
            Name = c.Name,
            Image = c.Image,
            ImageID = c.ImageId,
            Ready = true,
            RestartCount = 0,
            Started = true,
            State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = DateTime.UtcNow } },
        }).ToList();
        var patch = KubernetesJson.Serialize(new V1Pod { Status = new V1PodStatus { Phase = "Running", ContainerStatuses = statuses } });
        await client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), pod, ns, cancellationToken: Token);
    }

    /// <summary>An ephemeral debug container, added as `kubectl debug` adds one.</summary>
    public async Task DebugAsync(string pod, string image, string target)
    {
        var patch = KubernetesJson.Serialize(new V1Pod
        {
            Spec = new V1PodSpec
            {
                Containers = [],
                EphemeralContainers = [new V1EphemeralContainer { Name = "debugger", Image = image, TargetContainerName = target }],
            },
        }).Replace("\"containers\":[],", "", StringComparison.Ordinal);
        await client.CoreV1.PatchNamespacedPodEphemeralcontainersAsync(
            new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), pod, ns, cancellationToken: Token);
    }
}
