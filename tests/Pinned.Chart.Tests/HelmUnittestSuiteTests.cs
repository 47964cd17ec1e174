using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

/// <summary>
/// The helm-unittest suites in charts/pinned/tests run only where Helm is installed. Here they
/// are at least kept honest: valid YAML, templates that exist, values that exist.
/// </summary>
public sealed class HelmUnittestSuiteTests
{
    public static TheoryData<string> Suites =>
        [.. Directory.GetFiles(Path.Combine(RepoLayout.Chart, "tests"), "*_test.yaml").Select(Path.GetFileName).OfType<string>()];

    [Theory, MemberData(nameof(Suites))]
    public void Suite_names_existing_templates_and_values(string suite)
    {
        var node = YamlJson.ParseFile(Path.Combine(RepoLayout.Chart, "tests", suite));
        var values = YamlJson.ParseFile(Path.Combine(RepoLayout.Chart, "values.yaml"));
        var tests = node["tests"]!.AsArray();
        Assert.NotEmpty(tests);

        var templates = (node["templates"]?.AsArray() ?? []).Select(t => (string)t!)
            .Concat(tests.SelectMany(t => (t!["templates"]?.AsArray() ?? []).Select(x => (string)x!)))
            .Concat(tests.Select(t => (string?)t!["template"]).OfType<string>());
        foreach (var template in templates)
        {
            Assert.True(File.Exists(Path.Combine(RepoLayout.Chart, template)), $"{suite}: no {template}");
        }

        foreach (var test in tests)
        {
            Assert.NotEmpty(test!["asserts"]!.AsArray());
            foreach (var (key, _) in test["set"]?.AsObject() ?? [])
            {
                Assert.True(ValuesTree.Exists(values, key), $"{suite}: '{test["it"]}' sets unknown value {key}");
            }
        }
    }
}
