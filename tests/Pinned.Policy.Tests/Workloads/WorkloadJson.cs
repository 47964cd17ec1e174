using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pinned.Policy.Tests.Workloads;

/// <summary>Builds workload objects of every kind around one pod spec, as the API server sends them.</summary>
internal static class WorkloadJson
{
    public const string PinnedImage = "registry.example.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// <summary>A pod spec with an image or a volume in every place SPEC.md §2 lists.</summary>
    public static JsonObject EveryLocationSpec() => Parse<JsonObject>($$"""
        {
          "containers": [ { "name": "app", "image": "nginx", "volumeMounts": [ { "name": "host", "mountPath": "/h" } ] } ],
          "initContainers": [
            { "name": "init-pinned", "image": "{{PinnedImage}}" },
            { "name": "init-latest", "image": "busybox:latest" }
          ],
          "ephemeralContainers": [ { "name": "debugger", "image": "Not A Reference" } ],
          "volumes": [
            { "name": "config", "configMap": { "name": "settings" } },
            { "name": "data", "image": { "reference": "registry.example.com/data:v1", "pullPolicy": "IfNotPresent" } },
            { "name": "host", "hostPath": { "path": "/var/run", "type": "Directory" } }
          ]
        }
        """);

    /// <summary>The (rule, path) pairs the default policy finds in <see cref="EveryLocationSpec"/> under a spec path.</summary>
    public static (string Rule, string Path)[] EveryLocationViolations(string specPath) =>
    [
        ("image-digest", $"{specPath}.containers[0].image"),
        ("image-digest", $"{specPath}.initContainers[1].image"),
        ("image-digest", $"{specPath}.ephemeralContainers[0].image"),
        ("image-digest", $"{specPath}.volumes[1].image.reference"),
        ("mutable-tag", $"{specPath}.containers[0].image"),
        ("mutable-tag", $"{specPath}.initContainers[1].image"),
        ("host-path", $"{specPath}.volumes[2]"),
    ];

    /// <summary>An object of the kind, with its pod spec at the kind's place.</summary>
    public static JsonObject Wrap(string kind, JsonNode spec)
    {
        JsonObject Template() => new() { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "x" } }, ["spec"] = spec };
        JsonObject body = kind switch
        {
            "Pod" => new JsonObject { ["spec"] = spec },
            "CronJob" => new JsonObject
            {
                ["spec"] = new JsonObject { ["schedule"] = "* * * * *", ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = Template() } } },
            },
            "PodTemplate" => new JsonObject { ["template"] = Template() },
            _ => new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 2, ["template"] = Template() } },
        };
        body["apiVersion"] = kind switch { "Pod" or "PodTemplate" or "ReplicationController" => "v1", "Job" or "CronJob" => "batch/v1", _ => "apps/v1" };
        body["kind"] = kind;
        body["metadata"] = new JsonObject { ["name"] = "demo", ["namespace"] = "team-a" };
        return body;
    }

    public static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);

    public static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static T Parse<T>(string json) where T : JsonNode => (T)JsonNode.Parse(json)!;
}
