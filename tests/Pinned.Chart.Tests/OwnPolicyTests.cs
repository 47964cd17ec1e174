using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

public sealed class OwnPolicyTests
{
    public static TheoryData<string> ValueSetNames => [.. ValueSets.All];

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Every_rendered_workload_passes_Pinned_strictest_policy(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);

        // The webhook Deployment and the two hook Jobs at least.
        Assert.True(OwnPolicy.WorkloadCount(manifest) >= 3, $"only {OwnPolicy.WorkloadCount(manifest)} workloads found");
        Assert.Empty(OwnPolicy.Violations(manifest));
    }

    [Fact]
    public async Task An_unpinned_image_is_caught_so_the_check_above_can_fail()
    {
        var manifest = Manifest.Parse(await UnpinnedChart.RenderTextAsync());

        var violations = OwnPolicy.Violations(manifest);
        Assert.Contains(violations, v => v.Contains("[image-digest]", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("[mutable-tag]", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("[host-path]", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("is not pinned by sha256 digest", StringComparison.Ordinal));
    }
}
