using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

/// <summary>
/// NOTES.txt is what a person reads after `helm install`. Neither `helm template` nor helmlite
/// prints it, so a copy of the chart renders it inside a ConfigMap, with the same helpers.
/// </summary>
public sealed class NotesTests
{
    [Fact]
    public async Task Notes_say_how_to_watch_audit_results_and_how_to_switch_to_enforce()
    {
        var notes = await RenderNotesAsync(null);

        Assert.Contains("Mode: audit (dry-run", notes, StringComparison.Ordinal);
        Assert.Contains("Failure policy: Fail", notes, StringComparison.Ordinal);
        Assert.Contains("pinned-system,kube-system", notes, StringComparison.Ordinal);
        Assert.Contains("kubectl get events", notes, StringComparison.Ordinal);
        Assert.Contains("kubectl logs -n pinned-system", notes, StringComparison.Ordinal);
        Assert.Contains("pinned.dev/violations", notes, StringComparison.Ordinal);
        Assert.Contains("/metrics", notes, StringComparison.Ordinal);
        Assert.Contains("--set policy.mode=enforce", notes, StringComparison.Ordinal);
        Assert.Contains("kubectl run pinned-smoke --image=nginx", notes, StringComparison.Ordinal);
        Assert.Contains("kubectl delete validatingwebhookconfiguration,mutatingwebhookconfiguration pinned", notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_follow_the_values()
    {
        var notes = await RenderNotesAsync("ci/audit-namespaces-values.yaml");

        Assert.Contains("Mode: enforce", notes, StringComparison.Ordinal);
        Assert.DoesNotContain("dry-run: nothing is denied", notes, StringComparison.Ordinal);
        Assert.Contains("path /validate/audit): team-a,team-b", notes, StringComparison.Ordinal);
        Assert.Contains("# expected: denied", notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_say_where_the_background_audit_reports_what_already_runs()
    {
        var defaults = await RenderNotesAsync(null);
        var reports = await RenderNotesAsync("ci/audit-reports-values.yaml");
        var off = await RenderNotesAsync("ci/no-audit-values.yaml");

        Assert.Contains("kubectl get lease -n pinned-system pinned-audit", defaults, StringComparison.Ordinal);
        Assert.Contains("workload each 10m", defaults, StringComparison.Ordinal);
        Assert.Contains("pinned_audit_findings{namespace,rule,action}", defaults, StringComparison.Ordinal);
        Assert.DoesNotContain("kubectl get policyreports", defaults, StringComparison.Ordinal);
        Assert.Contains("kubectl get policyreports -A", reports, StringComparison.Ordinal);
        Assert.Contains("workload each 5m", reports, StringComparison.Ordinal);
        Assert.Contains("Background audit: off", off, StringComparison.Ordinal);
        Assert.DoesNotContain("pinned_audit_findings", off, StringComparison.Ordinal);
    }

    private static async Task<string> RenderNotesAsync(string? valueFile)
    {
        var copy = Directory.CreateTempSubdirectory("pinned-notes-");
        try
        {
            CopyDirectory(RepoLayout.Chart, copy.FullName);
            var templates = Path.Combine(copy.FullName, "templates");
            // Only the helpers and the notes: the output is then the notes alone.
            foreach (var file in Directory.GetFiles(templates).Where(f => !Path.GetFileName(f).StartsWith('_')))
            {
                File.Delete(file);
            }

            var notes = await File.ReadAllTextAsync(Path.Combine(RepoLayout.Chart, "templates", "NOTES.txt"), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(templates, "_notes.tpl"), "{{- define \"test.notes\" -}}\n" + notes + "{{- end -}}\n", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(
                Path.Combine(templates, "notes.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: |\n{{ include \"test.notes\" . | indent 4 }}\n",
                TestContext.Current.CancellationToken);
            string[] files = valueFile is null ? [] : [Path.Combine(RepoLayout.Chart, valueFile)];
            var manifest = await ChartRenderer.RenderFreshAsync(copy.FullName, files);
            return (string?)manifest.Single("ConfigMap", "notes")["data"]!["notes"] ?? "";
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
