using System.Text.Json;
using System.Text.Json.Nodes;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests;

/// <summary>
/// The skip-unchanged-updates matchCondition: an evaluation error would apply failurePolicy
/// (Fail: the update is refused), and a wrong `false` would let a change through unchecked.
/// </summary>
public sealed class MatchConditionTests
{
    private static readonly Lazy<Task<MatchCondition>> Condition = new(async () =>
    {
        var entry = Assert.Single(WebhookEntry.All(await ChartRenderer.RenderAsync()));
        return new MatchCondition((string)entry.Node["matchConditions"]![0]!["expression"]!);
    });

    public static TheoryData<string, bool> Cases => new()
    {
        { "Pod CREATE", true },
        { "Pod UPDATE of a label", false },
        { "Pod UPDATE of an image", true },
        { "Pod UPDATE adding an ephemeral container", true },
        { "Deployment UPDATE of replicas", false },
        { "Deployment UPDATE of an image", true },
        { "Deployment UPDATE adding a hostPath volume", true },
        { "ReplicaSet UPDATE of replicas", false },
        { "StatefulSet UPDATE of an init container image", true },
        { "Job UPDATE of suspend", false },
        { "CronJob UPDATE of the schedule", false },
        { "CronJob UPDATE of an image", true },
        { "PodTemplate UPDATE of a label", false },
        { "PodTemplate UPDATE of an image", true },
        { "ReplicationController UPDATE without a template", true },
        { "ReplicationController UPDATE of replicas", false },
    };

    [Theory, MemberData(nameof(Cases))]
    public async Task Calls_the_webhook_only_when_the_pod_spec_may_change(string @case, bool expected)
    {
        var condition = await Condition.Value;

        Assert.Equal(expected, condition.Matches(Request(@case)));
    }

    [Fact]
    public async Task Captured_api_server_requests_match_as_expected()
    {
        var folder = SharedFiles.Path("admission-reviews");
        var condition = await Condition.Value;
        var files = Directory.GetFiles(folder, "*.json");
        Assert.NotEmpty(files);

        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
            var request = document.RootElement.GetProperty("review").GetProperty("request");
            var labelOnly = Path.GetFileName(file).Contains("update-label", StringComparison.Ordinal);
            Assert.True(condition.Matches(request) != labelOnly, $"{Path.GetFileName(file)}: expected {(labelOnly ? "no call" : "a call")}");
        }
    }

    private static JsonElement Request(string @case)
    {
        var kind = @case.Split(' ')[0];
        var operation = @case.Split(' ')[1];
        var old = Workload(kind, @case.Contains("without a template", StringComparison.Ordinal));
        var updated = old.DeepClone();
        Change(updated, kind, @case);
        var request = new JsonObject
        {
            ["uid"] = "1",
            ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = kind },
            ["operation"] = operation,
            ["object"] = updated,
            ["oldObject"] = operation == "UPDATE" ? old : null,
        };
        return JsonDocument.Parse(request.ToJsonString()).RootElement.Clone();
    }

    private static JsonNode Workload(string kind, bool withoutTemplate)
    {
        var podSpec = new JsonObject
        {
            ["initContainers"] = new JsonArray(new JsonObject { ["name"] = "init", ["image"] = "busybox:1.36" }),
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "nginx:1.27" }),
        };
        var template = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web" } }, ["spec"] = podSpec };
        JsonObject spec = kind switch
        {
            "Pod" => (JsonObject)podSpec.DeepClone(),
            "CronJob" => new JsonObject { ["schedule"] = "0 * * * *", ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } } },
            "PodTemplate" => new JsonObject(),
            _ when withoutTemplate => new JsonObject { ["replicas"] = 1 },
            _ => new JsonObject { ["replicas"] = 2, ["template"] = template },
        };
        var obj = new JsonObject
        {
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "team-a", ["labels"] = new JsonObject { ["app"] = "web" } },
        };
        if (kind == "PodTemplate")
        {
            obj["template"] = template;
        }
        else
        {
            obj["spec"] = spec;
        }

        return obj;
    }

    private static void Change(JsonNode obj, string kind, string @case)
    {
        var podSpec = kind switch
        {
            "Pod" => obj["spec"],
            "CronJob" => obj["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"],
            "PodTemplate" => obj["template"]!["spec"],
            _ => obj["spec"]!["template"]?["spec"],
        };
        if (@case.EndsWith("of a label", StringComparison.Ordinal))
        {
            obj["metadata"]!["labels"]!["team"] = "a";
        }
        else if (@case.EndsWith("of an image", StringComparison.Ordinal))
        {
            podSpec!["containers"]![0]!["image"] = "nginx:latest";
        }
        else if (@case.EndsWith("of an init container image", StringComparison.Ordinal))
        {
            podSpec!["initContainers"]![0]!["image"] = "busybox:latest";
        }
        else if (@case.EndsWith("adding an ephemeral container", StringComparison.Ordinal))
        {
            podSpec!["ephemeralContainers"] = new JsonArray(new JsonObject { ["name"] = "debug", ["image"] = "busybox" });
        }
        else if (@case.EndsWith("adding a hostPath volume", StringComparison.Ordinal))
        {
            podSpec!["volumes"] = new JsonArray(new JsonObject { ["name"] = "src", ["hostPath"] = new JsonObject { ["path"] = "/srv" } });
        }
        else if (@case.EndsWith("of replicas", StringComparison.Ordinal) || @case.EndsWith("without a template", StringComparison.Ordinal))
        {
            obj["spec"]!["replicas"] = 5;
        }
        else if (@case.EndsWith("of suspend", StringComparison.Ordinal))
        {
            obj["spec"]!["suspend"] = true;
        }
        else if (@case.EndsWith("of the schedule", StringComparison.Ordinal))
        {
            obj["spec"]!["schedule"] = "*/5 * * * *";
        }
    }
}
