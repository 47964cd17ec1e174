using System.Collections.Immutable;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>
/// The Deployment controller and the kubelet for the release's one Deployment: on a new pod
/// template it starts the new pods, waits until each answers its readiness probe, then moves the
/// endpoints to them (only ready pods are endpoints), then stops the old pods (SIGTERM) and writes
/// the Deployment's status as the controller would once the rollout is done (maxUnavailable 0).
/// When the Deployment is deleted its pods are stopped, as the garbage collector would.
/// </summary>
internal sealed class DeploymentStandIn(Kubernetes client, string @namespace, Action<string> log) : IAsyncDisposable
{
    /// <summary>A pod's start to ready: ~1 s on an idle machine; a load average of 20 can take many times that.</summary>
    private static readonly TimeSpan ReadyBudget = TimeSpan.FromSeconds(120);

    private readonly List<PodProcess> _allPods = [];
    private ImmutableArray<PodProcess> _ready = [];
    private string? _template;
    private Task? _rollout;

    public IReadOnlyList<int> ReadyPorts => [.. _ready.Select(p => p.Port)];

    public string Output
    {
        get
        {
            lock (_allPods)
            {
                return string.Join('\n', _allPods.Select(p => p.Output));
            }
        }
    }

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        if (_rollout is { IsCompleted: false })
        {
            return;
        }

        if (_rollout is { IsFaulted: true } failed)
        {
            _rollout = null;
            await failed;
        }

        var deployments = await client.AppsV1.ListNamespacedDeploymentAsync(@namespace, cancellationToken: cancellationToken);
        var deployment = deployments.Items.SingleOrDefault();
        if (deployment is null)
        {
            if (_template is not null)
            {
                _template = null;
                log("deployment deleted: stopping its pods");
                await StopAsync(_ready);
                _ready = [];
            }

            return;
        }

        var template = KubernetesJson.Serialize(deployment.Spec.Template) + deployment.Spec.Replicas;
        if (template != _template)
        {
            _template = template;
            _rollout = RollOutAsync(deployment, cancellationToken);
        }
    }

    private async Task RollOutAsync(V1Deployment deployment, CancellationToken cancellationToken)
    {
        var spec = deployment.Spec.Template.Spec;
        var secrets = new Dictionary<string, V1Secret>();
        var configMaps = new Dictionary<string, V1ConfigMap>();
        foreach (var volume in spec.Volumes ?? [])
        {
            if (volume.Secret is { } secret)
            {
                secrets[secret.SecretName] = await client.CoreV1.ReadNamespacedSecretAsync(secret.SecretName, @namespace, cancellationToken: cancellationToken);
            }
            else if (volume.ConfigMap is { } configMap)
            {
                configMaps[configMap.Name] = await client.CoreV1.ReadNamespacedConfigMapAsync(configMap.Name, @namespace, cancellationToken: cancellationToken);
            }
        }

        var replicas = deployment.Spec.Replicas ?? 1;
        var started = new List<PodProcess>();
        for (var i = 0; i < replicas; i++)
        {
            var pod = PodProcess.Start(spec, secrets, configMaps);
            lock (_allPods)
            {
                _allPods.Add(pod);
            }

            started.Add(pod);
        }

        var probePath = spec.Containers.Single().ReadinessProbe?.HttpGet?.Path ?? "/readyz";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyBudget);
        foreach (var pod in started)
        {
            while (!await pod.IsReadyAsync(probePath, deadline.Token))
            {
                if (pod.HasExited)
                {
                    throw new InvalidOperationException($"a pod of {deployment.Metadata.Name} exited before it was ready:\n{pod.Output}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }

        var old = _ready;
        _ready = [.. started];
        log($"deployment {deployment.Metadata.Name} generation {deployment.Metadata.Generation}: {replicas} pod(s) ready on {string.Join(", ", ReadyPorts)}");
        await StopAsync(old);
        await WriteStatusAsync(deployment, replicas, cancellationToken);
    }

    private async Task WriteStatusAsync(V1Deployment deployment, int replicas, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var status = new
        {
            status = new
            {
                observedGeneration = deployment.Metadata.Generation,
                replicas,
                updatedReplicas = replicas,
                readyReplicas = replicas,
                availableReplicas = replicas,
                conditions = new[]
                {
                    new { type = "Available", status = "True", reason = "MinimumReplicasAvailable", lastUpdateTime = now, lastTransitionTime = now },
                    new { type = "Progressing", status = "True", reason = "NewReplicaSetAvailable", lastUpdateTime = now, lastTransitionTime = now },
                },
            },
        };
        try
        {
            await client.AppsV1.PatchNamespacedDeploymentStatusAsync(JobStandIn.MergePatch(status), deployment.Metadata.Name, @namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            log($"deployment {deployment.Metadata.Name} deleted during its rollout");
        }
    }

    private async Task StopAsync(IEnumerable<PodProcess> pods)
    {
        await Task.WhenAll(pods.Select(p => p.StopAsync()));
        if (pods.Any())
        {
            log($"stopped pod(s) on {string.Join(", ", pods.Select(p => p.Port))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_rollout is not null)
        {
            await _rollout.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        foreach (var pod in _allPods)
        {
            await pod.DisposeAsync();
        }
    }
}
