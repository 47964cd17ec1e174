using System.Diagnostics;
using System.Text.Json;
using Json.Schema;

namespace Pinned.Tests.Check;

/// <summary>The SARIF report, validated against the SARIF 2.1.0 schema shipped in Check/Schemas.</summary>
public sealed class SarifOutputTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Check", "Schemas", "sarif-schema-2.1.0.json")));

    [Fact]
    public void Report_on_the_examples_is_valid_SARIF_with_rule_metadata_and_a_located_result_per_violation()
    {
        // As in CI: the report's working folder is the repository root, so locations are relative to it.
        var sarif = CheckRun.InProcess(["--output", "sarif", Manifests.ExamplesFolder], workingDirectory: Manifests.RepositoryRoot);
        var text = CheckRun.InProcess([Manifests.ExamplesFolder]);

        Assert.Equal(1, sarif.ExitCode);
        var log = AssertValid(sarif.Output);
        var run = Assert.Single(log.GetProperty("runs").EnumerateArray());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["image-digest", "mutable-tag", "host-path"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rules, r => Assert.True(r.GetProperty("help").GetProperty("text").GetString()!.Length > 80));

        var results = run.GetProperty("results").EnumerateArray().ToList();
        var textLines = text.Output.Split('\n').Where(l => l.Contains(": deny [", StringComparison.Ordinal)).ToList();
        Assert.Equal(textLines.Count, results.Count);
        foreach (var result in results)
        {
            var rule = result.GetProperty("ruleId").GetString()!;
            Assert.Equal(rule, rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Equal("error", result.GetProperty("level").GetString());
            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var uri = location.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            var line = location.GetProperty("region").GetProperty("startLine").GetInt32();
            Assert.StartsWith("deploy/examples/bad/", uri, StringComparison.Ordinal);
            Assert.Contains(textLines, l => l.StartsWith($"{Manifests.RepositoryRoot}/{uri}:{line}: deny [{rule}]", StringComparison.Ordinal));
        }

        var invocation = Assert.Single(run.GetProperty("invocations").EnumerateArray());
        Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void Input_errors_become_notifications_and_audit_results_are_warnings()
    {
        var sarif = CheckRun.InProcess(["--output", "sarif", "--mode", "audit", "-"], Manifests.Pod("p", "nginx") + "---\nkind: [broken\n");

        Assert.Equal(2, sarif.ExitCode);
        var run = AssertValid(sarif.Output).GetProperty("runs")[0];
        Assert.All(run.GetProperty("results").EnumerateArray(), r => Assert.Equal("warning", r.GetProperty("level").GetString()));
        Assert.Equal("stdin", run.GetProperty("results")[0].GetProperty("locations")[0].GetProperty("physicalLocation")
            .GetProperty("artifactLocation").GetProperty("uri").GetString());
        var invocation = run.GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.Equal(2, invocation.GetProperty("exitCode").GetInt32());
        var notification = Assert.Single(invocation.GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Equal("error", notification.GetProperty("level").GetString());
        Assert.StartsWith("document 1: not valid YAML", notification.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_outside_the_working_folder_gets_an_absolute_file_uri()
    {
        using var tree = new TempTree();
        var file = tree.Write("dir with space/pod.yaml", Manifests.Pod("p", "nginx"));

        var sarif = CheckRun.InProcess(["--output", "sarif", file], workingDirectory: Manifests.RepositoryRoot);

        var uri = AssertValid(sarif.Output).GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0]
            .GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString();
        Assert.Equal(new Uri(file).AbsoluteUri, uri);
        Assert.Contains("dir%20with%20space", uri, StringComparison.Ordinal);
    }

    [Fact]
    public void The_SARIF_SDK_multitool_accepts_the_report_when_it_is_installed()
    {
        var multitool = Environment.GetEnvironmentVariable("PINNED_SARIF_MULTITOOL");
        if (string.IsNullOrEmpty(multitool) || !File.Exists(multitool))
        {
            Assert.Skip("PINNED_SARIF_MULTITOOL is not set (.ci/setup.d/30-sarif-multitool.sh installs it); the schema tests above still run");
        }

        using var tree = new TempTree();
        var report = tree.PathOf("report.sarif");
        File.WriteAllText(report, CheckRun.InProcess(["--output", "sarif", Manifests.ExamplesFolder], workingDirectory: Manifests.RepositoryRoot).Output);
        var output = tree.PathOf("validation.sarif");

        using var process = Process.Start(new ProcessStartInfo(multitool, ["validate", report, "--output", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, stdout);
        using var validation = JsonDocument.Parse(File.ReadAllText(output));
        var errors = validation.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.TryGetProperty("level", out var level) && level.GetString() == "error").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.GetRawText())));
    }

    [Fact]
    public void The_schema_check_itself_rejects_a_log_that_breaks_SARIF()
    {
        var sarif = CheckRun.InProcess(["--output", "sarif", "-"], Manifests.Pod("p", "nginx")).Output;
        var broken = sarif.Replace("\"startLine\": ", "\"startLine\": -", StringComparison.Ordinal);

        var result = Schema.Evaluate(JsonDocument.Parse(broken).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.False(result.IsValid);
    }

    private static JsonElement AssertValid(string sarif)
    {
        var document = JsonDocument.Parse(sarif).RootElement.Clone();
        var result = Schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, JsonSerializer.Serialize(result));
        return document;
    }
}
