using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pinned.Policy.Tests.Rules;

/// <summary>Small pod specs for rule tests, decoded the way the webhook decodes them.</summary>
internal static class Pods
{
    public const string AtDigest = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// <summary>A Pod whose containers run the given images.</summary>
    public static PodSpecView WithImages(params string[] images)
    {
        var containers = new JsonArray([.. images.Select((image, i) => (JsonNode)new JsonObject { ["name"] = $"c{i}", ["image"] = image })]);
        return Spec(new JsonObject { ["containers"] = containers });
    }

    /// <summary>A Pod with a pinned container and one hostPath volume "v" mounted as given.</summary>
    public static PodSpecView WithHostPath(string path, bool? readOnly = null) =>
        Spec(JsonNode.Parse($$"""
            {
              "containers": [ { "name": "app", "image": "app{{AtDigest}}",
                                "volumeMounts": [ { "name": "v", "mountPath": "/m"{{(readOnly is { } ro ? $", \"readOnly\": {(ro ? "true" : "false")}" : "")}} } ] } ],
              "volumes": [ { "name": "v", "hostPath": { "path": {{JsonSerializer.Serialize(path)}} } } ]
            }
            """)!);

    public static PodSpecView Spec(JsonNode spec) =>
        WorkloadDecoder.Decode(JsonSerializer.SerializeToElement(new JsonObject { ["kind"] = "Pod", ["spec"] = spec })).PodSpec!;

    public static PodSpecView Spec(string json) => Spec(JsonNode.Parse(json)!);

    public static PolicyOptions PolicyFrom(string yaml) => PolicyLoader.Parse(yaml);

    /// <summary>Only one rule enforced, the other two disabled.</summary>
    public static PolicyOptions Only(string rule, string settings = "") => PolicyFrom($$"""
        rules:
          image-digest: { action: {{(rule == RuleIds.ImageDigest ? "enforce" : "disabled")}} {{(rule == RuleIds.ImageDigest ? settings : "")}} }
          mutable-tag: { action: {{(rule == RuleIds.MutableTag ? "enforce" : "disabled")}} {{(rule == RuleIds.MutableTag ? settings : "")}} }
          host-path: { action: {{(rule == RuleIds.HostPath ? "enforce" : "disabled")}} {{(rule == RuleIds.HostPath ? settings : "")}} }
        """);

    public static IReadOnlyList<Violation> Judge(PolicyOptions policy, PodSpecView pod) =>
        new PolicyEvaluator(policy).Evaluate(pod).Violations;
}
