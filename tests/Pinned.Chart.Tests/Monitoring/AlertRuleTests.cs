using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests.Monitoring;

/// <summary>
/// The rendered PrometheusRule through Prometheus's own tools: `promtool check rules` parses every
/// expression and template, and `promtool test rules` runs alerts-test.yaml, synthetic series
/// (the API server's admission-webhook metrics among them) for each alert's condition and its
/// near misses, with the labels and annotations each firing alert must carry.
/// </summary>
public sealed class AlertRuleTests
{
    [Fact]
    public async Task Promtool_accepts_the_rules_and_every_alert_fires_on_its_condition_only()
    {
        var promtool = PrometheusTools.Promtool;
        var manifest = await ChartRenderer.RenderAsync("ci/monitoring-values.yaml");
        var directory = Directory.CreateTempSubdirectory("pinned-rules-");
        try
        {
            var rules = RuleFile.Write(manifest, directory.FullName);
            var tests = Path.Combine(directory.FullName, "alerts-test.yaml");
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Monitoring", "alerts-test.yaml"), tests);

            var check = await ProcessRunner.RunAsync(promtool, ["check", "rules", rules]);
            Assert.True(check.ExitCode == 0, check.Describe("promtool check rules"));
            Assert.Contains("SUCCESS: 6 rules found", check.StandardOutput, StringComparison.Ordinal);

            var test = await ProcessRunner.RunAsync(promtool, ["test", "rules", tests]);
            Assert.True(test.ExitCode == 0, test.Describe("promtool test rules"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Without_the_background_audit_there_is_no_audit_alert()
    {
        var manifest = await ChartRenderer.RenderAsync("ci/monitoring-values.yaml", "ci/no-audit-values.yaml");

        var groups = manifest.Single("PrometheusRule")["spec.groups"]!.AsArray().Select(g => (string)g!["name"]!);
        Assert.Equal(["pinned.webhook"], groups);
    }

    [Theory]
    [InlineData("10m", 1800)]
    [InlineData("1h30m", 16200)]
    [InlineData("90s", 270)]
    [InlineData("2.5m", 450)]
    public async Task The_audit_stale_threshold_is_three_audit_intervals_in_seconds(string interval, int seconds)
    {
        var values = Path.Combine(Directory.CreateTempSubdirectory("pinned-values-").FullName, "values.yaml");
        await File.WriteAllTextAsync(values, $"metrics: {{prometheusRule: {{enabled: true}}}}\naudit: {{interval: {interval}}}\n", TestContext.Current.CancellationToken);

        var manifest = await ChartRenderer.RenderFreshAsync(RepoLayout.Chart, [values]);

        var stale = manifest.Single("PrometheusRule")["spec.groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray()).Single(r => (string?)r!["alert"] == "PinnedAuditStale")!;
        Assert.EndsWith($") > {seconds}", (string)stale["expr"]!, StringComparison.Ordinal);
    }
}
