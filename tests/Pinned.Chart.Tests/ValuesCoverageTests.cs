using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

/// <summary>
/// values.yaml and the templates agree both ways: every `.Values.x.y` a template reads exists,
/// and every value is read by some template (directly, or as part of a subtree it reads whole).
/// </summary>
public sealed partial class ValuesCoverageTests
{
    [Fact]
    public void Every_value_path_a_template_reads_exists_in_values_yaml()
    {
        var values = ValuesFile();
        var references = TemplateReferences();
        Assert.True(references.Count > 40, $"only {references.Count} references found: is the scanner broken?");

        var missing = references.Where(r => !ValuesTree.Exists(values, r.Path)).Select(r => $"{r.File}: .Values.{r.Path}").ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_value_in_values_yaml_is_read_by_some_template()
    {
        var read = TemplateReferences().Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
        var leaves = ValuesTree.Leaves(ValuesFile()).ToArray();
        Assert.True(leaves.Length > 40, $"only {leaves.Length} leaves found");

        var unread = leaves.Where(leaf => !read.Any(path => leaf == path || leaf.StartsWith(path + ".", StringComparison.Ordinal))).ToArray();
        Assert.Empty(unread);
    }

    [Fact]
    public void Scanner_reads_dotted_and_index_forms()
    {
        const string template = """{{ .Values.a.b }} {{ $root.Values.c }} {{ index .Values.policy.rules "image-digest" "action" }} {{ $.Values.d.e_f }}""";

        Assert.Equal(["a.b", "c", "policy.rules.image-digest.action", "d.e_f"], References(template));
    }

    internal static IReadOnlyList<(string File, string Path)> TemplateReferences() =>
        [.. Directory.GetFiles(Path.Combine(RepoLayout.Chart, "templates"))
            .SelectMany(file => References(File.ReadAllText(file)).Select(path => (Path.GetFileName(file), path)))];

    private static IEnumerable<string> References(string template)
    {
        foreach (Match match in ValuesReference().Matches(template))
        {
            var path = match.Groups["path"].Value.TrimStart('.');
            var keys = match.Groups["key"].Captures.Select(c => c.Value);
            yield return string.Join('.', keys.Prepend(path).Where(p => p.Length > 0));
        }
    }

    private static JsonObject ValuesFile() => YamlJson.ParseFile(Path.Combine(RepoLayout.Chart, "values.yaml"));

    // `.Values.a.b` (also `$.Values`, `$root.Values`), or `index .Values.a "k1" "k2"` for keys
    // that are not identifiers (the rule ids contain '-').
    [GeneratedRegex("""(?:index\s+\$?\w*\.Values(?<path>(?:\.[A-Za-z_]\w*)*)(?:\s+"(?<key>[^"]+)")+)|(?:\.Values(?<path>(?:\.[A-Za-z_]\w*)+))""")]
    private static partial Regex ValuesReference();
}
