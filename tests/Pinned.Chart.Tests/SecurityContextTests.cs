using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Infrastructure;
using Pinned.Policy;

namespace Pinned.Chart.Tests;

public sealed class SecurityContextTests
{
    public static TheoryData<string> ValueSetNames => [.. ValueSets.All];

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Every_pod_is_non_root_read_only_without_capabilities_and_with_resources(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);
        AssertHardened(manifest);
    }

    /// <summary>Shared with the kustomize tests: the same bar for every pod Pinned ships.</summary>
    internal static void AssertHardened(Manifest manifest)
    {
        var pods = manifest.Objects
            .Where(o => WorkloadKinds.PodSpecPath(o.Kind) is not null)
            .Select(o => (Object: o, Spec: KubeObject.Get(o.Node, WorkloadKinds.PodSpecPathText(o.Kind)!)!))
            .ToArray();
        Assert.NotEmpty(pods);

        foreach (var (obj, spec) in pods)
        {
            var pod = spec["securityContext"];
            Assert.True((bool?)pod?["runAsNonRoot"] == true, $"{obj}: runAsNonRoot");
            Assert.True((int?)pod?["runAsUser"] > 0, $"{obj}: runAsUser");
            Assert.Equal("RuntimeDefault", (string?)KubeObject.Get(pod, "seccompProfile.type"));
            foreach (var container in Containers(spec))
            {
                var context = container["securityContext"];
                Assert.True((bool?)context?["allowPrivilegeEscalation"] == false, $"{obj}: allowPrivilegeEscalation");
                Assert.True((bool?)context?["readOnlyRootFilesystem"] == true, $"{obj}: readOnlyRootFilesystem");
                Assert.Equal(["ALL"], KubeObject.Get(context, "capabilities.drop")!.AsArray().Select(c => (string?)c));
                Assert.Null(KubeObject.Get(context, "capabilities.add"));
                Assert.Null(context?["privileged"]);
                Assert.NotNull(KubeObject.Get(container, "resources.requests.memory"));
                Assert.NotNull(KubeObject.Get(container, "resources.limits.memory"));
            }
        }
    }

    private static readonly string[] ContainerGroups = ["containers", "initContainers"];

    private static IEnumerable<JsonNode> Containers(JsonNode spec) =>
        ContainerGroups
            .SelectMany(group => spec[group]?.AsArray() ?? [])
            .OfType<JsonNode>();
}
