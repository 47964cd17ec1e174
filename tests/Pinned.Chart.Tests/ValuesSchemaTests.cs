using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

public sealed class ValuesSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoLayout.Chart, "values.schema.json"))));

    public static TheoryData<string> ValueSetNames => [.. ValueSets.All];

    /// <summary>Each a values file with one mistake a person makes; each must be refused.</summary>
    public static TheoryData<string, string> Mistakes => new()
    {
        { "top-level typo", "replicas: 3" },
        { "typo in policy", "policy:\n  mdoe: enforce" },
        { "typo in a rule setting", "policy:\n  rules:\n    image-digest:\n      exemptImage: [\"nginx:*\"]" },
        { "unknown rule id", "policy:\n  rules:\n    mutable_tag:\n      action: enforce" },
        { "typo in webhook", "webhook:\n  failurepolicy: Ignore" },
        { "typo in tls", "tls:\n  certManager:\n    enable: true" },
        { "typo in hooks image", "hooks:\n  image:\n    digests: sha256:abc" },
        { "typo in registry", "registry:\n  cacheTTL: 5m" },
        { "YAML 1.1 off as a rule action", "policy:\n  rules:\n    host-path:\n      action: off" },
        { "unknown mode", "policy:\n  mode: deny" },
        { "short digest", "image:\n  digest: sha256:abc123" },
        { "timeout over the API server's 30 s", "webhook:\n  timeoutSeconds: 31" },
        { "failure policy in lower case", "webhook:\n  failurePolicy: fail" },
        { "relative allowed host path", "policy:\n  rules:\n    host-path:\n      allowedHostPaths:\n        - pathPrefix: var/log" },
        { "namespace that is not a DNS label", "policy:\n  auditNamespaces: [Team_A]" },
        { "duration without unit", "registry:\n  timeout: \"2\"" },
        { "issuerRef without a name", "tls:\n  certManager:\n    issuerRef:\n      kind: ClusterIssuer" },
    };

    [Theory, MemberData(nameof(ValueSetNames))]
    public void Values_and_every_ci_file_validate(string valueSet)
    {
        var results = Validate(ValueSets.Values(valueSet));

        Assert.True(results.IsValid, Describe(results));
    }

    [Theory, MemberData(nameof(Mistakes))]
    public void Schema_refuses(string mistake, string yaml)
    {
        var values = ValuesMerge.Merge(ValueSets.Values(ValueSets.Defaults), (JsonObject)YamlJson.ParseSingle(yaml)!);

        Assert.False(Validate(values).IsValid, $"the schema accepted: {mistake}");
    }

    [Fact]
    public void Schema_accepts_a_correct_change_so_the_refusals_mean_something()
    {
        var yaml = "policy:\n  mode: enforce\n  auditNamespaces: [team-a]\nwebhook:\n  timeoutSeconds: 10\nimage:\n  digest: sha256:" + new string('a', 64);
        var values = ValuesMerge.Merge(ValueSets.Values(ValueSets.Defaults), (JsonObject)YamlJson.ParseSingle(yaml)!);

        var results = Validate(values);
        Assert.True(results.IsValid, Describe(results));
    }

    [Fact]
    public void Schema_enums_are_the_engine_actions_and_modes()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoLayout.Chart, "values.schema.json")))!;
        var policy = schema["properties"]!["policy"]!["properties"]!;
        var engineActions = Enum.GetValues<Pinned.Policy.RuleAction>().Select(Pinned.Policy.RuleActions.ToConfigString).Order(StringComparer.Ordinal);

        foreach (var rule in new[] { "image-digest", "mutable-tag", "host-path" })
        {
            var actions = policy["rules"]!["properties"]![rule]!["properties"]!["action"]!["enum"]!.AsArray().Select(a => (string)a!);
            Assert.Equal(engineActions, actions.Order(StringComparer.Ordinal));
        }

        // The mode is a cap: every action but disabled.
        var modes = policy["mode"]!["enum"]!.AsArray().Select(m => (string)m!).Order(StringComparer.Ordinal);
        Assert.Equal(engineActions.Where(a => a != "disabled"), modes);
    }

    [Fact]
    public void Every_object_the_chart_defines_refuses_unknown_keys()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoLayout.Chart, "values.schema.json")))!;
        var open = new List<string>();
        Walk(schema, "$", open);

        Assert.Empty(open);
    }

    private static void Walk(JsonNode node, string path, List<string> open)
    {
        if (node is JsonObject obj)
        {
            var closed = obj["additionalProperties"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.False;
            if (obj["properties"] is JsonObject && !closed)
            {
                open.Add(path);
            }

            foreach (var (key, child) in obj)
            {
                if (child is not null)
                {
                    Walk(child, $"{path}.{key}", open);
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is { } child)
                {
                    Walk(child, $"{path}[{i}]", open);
                }
            }
        }
    }

    private static EvaluationResults Validate(JsonObject values)
    {
        using var document = JsonDocument.Parse(values.ToJsonString());
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Describe(EvaluationResults results) =>
        string.Join('\n', (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
