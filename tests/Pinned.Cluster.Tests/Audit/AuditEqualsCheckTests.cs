using System.Text.Json;
using Pinned.Cluster.Tests.Infrastructure;
using Pinned.Policy;

namespace Pinned.Cluster.Tests.Audit;

/// <summary>
/// `pinned audit` of a namespace and `pinned check` of the same objects exported with
/// `kubectl get -o yaml` agree: each top owner and bare pod has exactly check's violations, each
/// pod of an owner exactly those of its own that the owner's result lacks, and a ReplicaSet or
/// Job under a listed owner has no result of its own.
/// </summary>
[Collection(AuditCluster.Name)]
public sealed class AuditEqualsCheckTests(PlainApiServer server)
{
    private const string Kinds = "cronjobs,daemonsets,deployments,jobs,podtemplates,replicasets,replicationcontrollers,statefulsets,pods";

    [Fact]
    public async Task Audit_of_the_cluster_equals_check_of_its_export()
    {
        server.Require();
        var scenario = await AuditScenario.SharedAsync(server);
        var export = Path.Combine(Path.GetTempPath(), $"export-{scenario.Shop}.yaml");
        await File.WriteAllTextAsync(export, await server.KubectlOkAsync("get", Kinds, "-n", scenario.Shop, "-o", "yaml"), TestContext.Current.CancellationToken);
        using var objects = JsonDocument.Parse(await server.KubectlOkAsync("get", Kinds, "-n", scenario.Shop, "-o", "json"));
        var check = await PinnedCli.RunAsync(["check", export, "--config", scenario.PolicyFile, "-o", "json"]);
        var audit = await PinnedCli.RunAsync(["audit", "--kubeconfig", server.KubeconfigPath, "-n", scenario.Shop, "--config", scenario.PolicyFile, "-o", "json"]);
        Assert.True(check.ExitCode == 1 && audit.ExitCode == 1, $"{check}\n{audit}");
        using var checkJson = JsonDocument.Parse(check.Stdout);
        using var auditJson = JsonDocument.Parse(audit.Stdout);

        var checked_ = Violations(checkJson.RootElement);
        var audited = Violations(auditJson.RootElement);
        var controllers = Controllers(objects.RootElement);
        Assert.Equal(21, checked_.Count);
        foreach (var (obj, violations) in checked_)
        {
            var top = Top(obj, controllers);
            if (top == obj)
            {
                Assert.True(audited.TryGetValue(obj, out var own), $"audit has no result for {obj}");
                Assert.Equal(violations.Order(), own.Order());
            }
            else if (obj.Kind == "Pod")
            {
                var differs = violations.Except(audited[top]).Order().ToList();
                Assert.Equal(differs, audited.TryGetValue(obj, out var own) ? own.Order() : []);
            }
            else
            {
                Assert.False(audited.ContainsKey(obj), $"{obj} is under {top}, yet has a result of its own");
            }
        }

        Assert.All(audited.Keys, obj => Assert.Contains(obj, checked_.Keys));
    }

    /// <summary>Per object, its violations as "rule path-in-pod-spec image".</summary>
    private static Dictionary<(string Kind, string Name), List<string>> Violations(JsonElement report) =>
        report.GetProperty("results").EnumerateArray().ToDictionary(
            r => (r.GetProperty("kind").GetString()!, r.GetProperty("name").GetString()!),
            r => r.GetProperty("violations").EnumerateArray().Select(v =>
            {
                var spec = WorkloadKinds.PodSpecPathText(r.GetProperty("kind").GetString())! + ".";
                var path = v.GetProperty("path").GetString()!;
                return $"{v.GetProperty("rule").GetString()} {(path.StartsWith(spec, StringComparison.Ordinal) ? path[spec.Length..] : path)} {v.GetProperty("image").GetString()}";
            }).ToList());

    private static Dictionary<(string Kind, string Name), (string Kind, string Name)> Controllers(JsonElement list)
    {
        var controllers = new Dictionary<(string, string), (string, string)>();
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            var metadata = item.GetProperty("metadata");
            if (metadata.TryGetProperty("ownerReferences", out var owners))
            {
                var controller = owners.EnumerateArray().Single(o => o.TryGetProperty("controller", out var c) && c.GetBoolean());
                controllers[(item.GetProperty("kind").GetString()!, metadata.GetProperty("name").GetString()!)] =
                    (controller.GetProperty("kind").GetString()!, controller.GetProperty("name").GetString()!);
            }
        }

        return controllers;
    }

    private static (string Kind, string Name) Top((string Kind, string Name) obj, Dictionary<(string, string), (string, string)> controllers)
    {
        while (controllers.TryGetValue(obj, out var up))
        {
            obj = up;
        }

        return obj;
    }
}
