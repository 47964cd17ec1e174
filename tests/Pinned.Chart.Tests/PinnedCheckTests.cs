using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

/// <summary>Pinned's own deployment is immutable: `pinned check` passes on everything it ships.</summary>
public sealed class PinnedCheckTests
{
    public static TheoryData<string> ValueSetNames => [.. ValueSets.All];

    public static TheoryData<string> Overlays => ["overlays/audit", "overlays/enforce"];

    [Theory, MemberData(nameof(ValueSetNames))]
    public async Task Pinned_check_passes_on_the_rendered_chart(string valueSet)
    {
        var manifest = await ValueSets.RenderAsync(valueSet);

        var (exitCode, report) = await PinnedCheck.RunAsync(manifest.Text);

        Assert.True(exitCode == 0, report.ToJsonString());
        Assert.Equal(manifest.Objects.Count, (int)report["summary"]!["objects"]!);
        Assert.Equal(0, (int)report["summary"]!["denied"]!);
        Assert.Equal(0, (int)report["summary"]!["violations"]!);
        Assert.Contains(report["results"]!.AsArray(), r => (string?)r!["kind"] == "Deployment" && (string?)r["verdict"] == "allow");
    }

    [Theory, MemberData(nameof(Overlays))]
    public async Task Pinned_check_passes_on_the_kustomize_output(string overlay)
    {
        var manifest = await KustomizeRenderer.RenderAsync(overlay);

        var (exitCode, report) = await PinnedCheck.RunAsync(manifest.Text);

        Assert.True(exitCode == 0, report.ToJsonString());
        Assert.Equal(manifest.Objects.Count, (int)report["summary"]!["objects"]!);
        Assert.Equal(0, (int)report["summary"]!["denied"]!);
    }

    [Fact]
    public async Task Pinned_check_fails_a_chart_rendered_with_a_tag_and_a_host_path()
    {
        var (exitCode, report) = await PinnedCheck.RunAsync(await UnpinnedChart.RenderTextAsync());

        Assert.Equal(1, exitCode);
        var deployment = report["results"]!.AsArray().Single(r => (string?)r!["kind"] == "Deployment");
        Assert.Equal("deny", (string?)deployment!["verdict"]);
        Assert.Equal(
            ["host-path", "image-digest", "mutable-tag"],
            deployment["violations"]!.AsArray().Select(v => (string)v!["rule"]!).Distinct().Order(StringComparer.Ordinal));
    }
}
