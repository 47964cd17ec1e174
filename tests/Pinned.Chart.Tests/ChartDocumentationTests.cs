using System.Text.RegularExpressions;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

public sealed partial class ChartDocumentationTests
{
    [Fact]
    public void Every_value_is_commented_in_values_yaml()
    {
        var uncommented = new List<string>();
        var path = new List<(int Indent, string Key, bool Commented)>();
        var previous = "";
        foreach (var line in File.ReadLines(Path.Combine(RepoLayout.Chart, "values.yaml")))
        {
            var key = KeyLine().Match(line);
            if (key.Success)
            {
                var indent = key.Groups["indent"].Length;
                path.RemoveAll(p => p.Indent >= indent);
                var commented = previous.TrimStart().StartsWith('#') || path.Any(p => p.Commented);
                path.Add((indent, key.Groups["key"].Value, commented));
                if (key.Groups["value"].Value.Trim().Length > 0 && !commented)
                {
                    uncommented.Add(string.Join('.', path.Select(p => p.Key)));
                }
            }

            previous = line;
        }

        Assert.Empty(uncommented);
    }

    [Fact]
    public void Chart_readme_table_documents_every_value_and_nothing_else()
    {
        var readme = File.ReadAllText(Path.Combine(RepoLayout.Chart, "README.md"));
        var documented = TableKey().Matches(readme).Select(m => m.Groups["key"].Value).ToHashSet(StringComparer.Ordinal);
        var values = YamlJson.ParseFile(Path.Combine(RepoLayout.Chart, "values.yaml"));
        var leaves = ValuesTree.Leaves(values).ToArray();

        var undocumented = leaves.Where(leaf => !documented.Any(key => leaf == key || leaf.StartsWith(key + ".", StringComparison.Ordinal))).ToArray();
        var unknown = documented.Where(key => !ValuesTree.Exists(values, key)).ToArray();

        Assert.Empty(undocumented);
        Assert.Empty(unknown);
    }

    [GeneratedRegex(@"^(?<indent> *)(?<key>[A-Za-z0-9_-]+):(?<value>.*)$")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^\| `(?<key>[A-Za-z0-9_.-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableKey();
}
