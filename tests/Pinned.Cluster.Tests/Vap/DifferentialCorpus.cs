using System.Text.Json.Nodes;
using Pinned.Policy;
using Pinned.Policy.Tests.Conformance;
using Pinned.Testing;

namespace Pinned.Cluster.Tests.Vap;

/// <summary>One object to judge, where it came from (for the failure message), and its body as sent.</summary>
internal sealed record DifferentialObject(string Origin, string Kind, JsonObject Body);

/// <summary>Objects judged under one policy's rules, in a namespace of their own.</summary>
internal sealed class DifferentialGroup(string key, JsonObject rules)
{
    public string Key { get; } = key;

    public JsonObject Rules { get; } = rules;

    public List<DifferentialObject> Objects { get; } = [];
}

/// <summary>
/// What the differential test sends: ≥ 10,000 generated references packed into pods, host-path
/// pods from the corners of SPEC.md §3, every fixture of tests/Pinned.Tests/Fixtures and
/// ../shared/admission-reviews, and every conformance case of ../shared/conformance with Pinned's
/// policy for it. Each distinct rule set is one group. Every enabled rule is enforced (Deny), so
/// that every violation is in the API server's answer; the actions themselves are
/// VapActionTests'. Objects are judged as a CREATE, as `pinned check` judges them.
/// What 1.28 cannot carry is taken out of both sides alike: ephemeral containers (refused on
/// create) and image volumes (not in the 1.28 Pod schema, so the API server drops them).
/// </summary>
internal static class DifferentialCorpus
{
    public const int GeneratedReferences = 10_500;

    /// <summary>The API server refuses a messageExpression result over 5120 bytes (then shows the static message).</summary>
    private const int MessageBudget = 4000;

    private static readonly string[] HostPaths =
    [
        "/var/log", "/var/log/", "/var/log/app", "/var/log/app/x", "/var/logs", "/var//log", "/var/log//app", "/./var/log", "/var/./log",
        "/var/log/.", "/data", "/data/", "/data/x", "/datax", "/", "//", "/etc", "relative/path", "var/log", "/VAR/LOG", "/var/log/app/",
    ];

    public static List<DifferentialGroup> Build(string repositoryRoot)
    {
        var groups = new Dictionary<string, DifferentialGroup>(StringComparer.Ordinal);
        var generated = Group(groups, GeneratedRules());
        AddReferencePods(generated);
        AddHostPathPods(generated);
        AddPlainPods(generated);
        AddFixtures(groups, repositoryRoot);
        AddConformance(groups);
        return [.. groups.Values];
    }

    public static int ReferenceCount(IEnumerable<DifferentialGroup> groups) =>
        groups.SelectMany(g => g.Objects).Where(o => o.Origin.StartsWith("generated references", StringComparison.Ordinal))
            .Sum(o => o.Body["spec"]!["containers"]!.AsArray().Count + (o.Body["spec"]!["initContainers"]?.AsArray().Count ?? 0));

    private static JsonObject GeneratedRules() => (JsonObject)JsonNode.Parse("""
        {
          "image-digest": { "action": "enforce", "exemptImages": ["registry.example/warn-only/*", "docker.io/library/a*", "ghcr.io/*/x:*"] },
          "mutable-tag": { "action": "enforce", "mutableTags": ["latest", "main", "Stable"], "exemptImages": ["localhost:5000/*"] },
          "host-path": { "action": "enforce", "allowedHostPaths": [
            { "pathPrefix": "/var/log", "readOnly": true }, { "pathPrefix": "/var/log/app", "readOnly": false }, { "pathPrefix": "/data/", "readOnly": false } ] }
        }
        """)!;

    private static void AddReferencePods(DifferentialGroup group)
    {
        var references = DifferentialReferences.Generate(GeneratedReferences, seed: 20261204);
        var pod = 0;
        for (var i = 0; i < references.Count;)
        {
            var containers = new JsonArray();
            var init = new JsonArray();
            var budget = 0;
            while (i < references.Count && containers.Count + init.Count < 24)
            {
                // Up to two violations a container (image-digest and mutable-tag), each about 200 bytes and the image twice.
                var cost = 2 * (200 + 2 * System.Text.Encoding.UTF8.GetByteCount(references[i]));
                if (budget + cost > MessageBudget && containers.Count > 0)
                {
                    break;
                }

                budget += cost;
                var target = (i % 5 == 4) ? init : containers;
                target.Add(new JsonObject { ["name"] = $"c{containers.Count + init.Count}", ["image"] = references[i] });
                i++;
            }

            var spec = new JsonObject { ["containers"] = containers };
            if (init.Count > 0)
            {
                spec["initContainers"] = init;
            }

            group.Objects.Add(new("generated references, pod " + pod, "Pod", Pod($"refs-{pod++}", spec)));
        }
    }

    private static void AddHostPathPods(DifferentialGroup group)
    {
        var random = new Random(4122026);
        for (var pod = 0; pod < 300; pod++)
        {
            var volumes = new JsonArray();
            var containers = new JsonArray();
            var count = random.Next(1, 4);
            for (var c = 0; c < 2; c++)
            {
                containers.Add(new JsonObject { ["name"] = $"c{c}", ["image"] = "registry.example/app@sha256:" + new string('b', 64), ["volumeMounts"] = new JsonArray() });
            }

            for (var v = 0; v < count; v++)
            {
                volumes.Add(new JsonObject { ["name"] = $"v{v}", ["hostPath"] = new JsonObject { ["path"] = HostPaths[random.Next(HostPaths.Length)] } });
                foreach (var container in containers)
                {
                    if (random.Next(3) == 0)
                    {
                        continue;
                    }

                    var mount = new JsonObject { ["name"] = $"v{v}", ["mountPath"] = $"/m{v}" };
                    if (random.Next(3) is var ro && ro < 2)
                    {
                        mount["readOnly"] = ro == 0;
                    }

                    container!["volumeMounts"]!.AsArray().Add(mount);
                }
            }

            group.Objects.Add(new("generated host paths, pod " + pod, "Pod", Pod($"paths-{pod}", new JsonObject { ["containers"] = containers, ["volumes"] = volumes })));
        }
    }

    /// <summary>
    /// One image a pod, near the plain sha256-pinned spelling that the policies' matchCondition
    /// skips (CleanSpecCel): the packed reference pods almost always hold one image it does not
    /// skip, so these are where a skipped pod is compared with the webhook.
    /// </summary>
    private static void AddPlainPods(DifferentialGroup group)
    {
        var random = new Random(7122026);
        var references = DifferentialReferences.NearPlain(400, random);
        for (var pod = 0; pod < references.Count; pod++)
        {
            var container = new JsonObject { ["name"] = "c", ["image"] = references[pod] };
            var spec = new JsonObject();
            spec[random.Next(4) == 0 ? "initContainers" : "containers"] = new JsonArray(container);
            if (!spec.ContainsKey("containers"))
            {
                spec["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "registry.example/app@sha256:" + new string('c', 64) });
            }

            var volume = random.Next(6) switch
            {
                0 => new JsonObject { ["name"] = "v", ["emptyDir"] = new JsonObject() },
                1 => new JsonObject { ["name"] = "v", ["hostPath"] = new JsonObject { ["path"] = HostPaths[random.Next(HostPaths.Length)] } },
                _ => null,
            };
            if (volume is not null)
            {
                spec["volumes"] = new JsonArray(volume);
            }

            group.Objects.Add(new("generated plain references, pod " + pod, "Pod", Pod($"plain-{pod}", spec)));
        }
    }

    private static void AddFixtures(Dictionary<string, DifferentialGroup> groups, string repositoryRoot)
    {
        var files = Directory.GetDirectories(Path.Combine(repositoryRoot, "tests", "Pinned.Tests", "Fixtures"))
            .Select(d => (Origin: "fixture " + Path.GetFileName(d), Request: Path.Combine(d, "request.json"), Policy: Path.Combine(d, "policy.yaml")))
            .Concat(Directory.GetFiles(SharedFiles.Path("admission-reviews"), "*.json")
                .Select(f => (Origin: "admission-reviews/" + Path.GetFileName(f), Request: f, Policy: "")))
            .OrderBy(f => f.Origin, StringComparer.Ordinal);
        foreach (var (origin, request, policy) in files)
        {
            var review = JsonNode.Parse(File.ReadAllText(request));
            var rules = File.Exists(policy) ? Enforced(YamlJson.Load(File.ReadAllText(policy))?["rules"]) : Enforced(null);
            AddRequest(Group(groups, rules), origin, review?["request"]);
        }
    }

    private static void AddConformance(Dictionary<string, DifferentialGroup> groups)
    {
        var cases = JsonNode.Parse(File.ReadAllText(SharedFiles.Path("conformance/cases.json")))!.AsArray();
        for (var index = 0; index < cases.Count; index++)
        {
            var c = cases[index]!;
            var file = (string)c["file"]!;
            var path = SharedFiles.Path(Path.Combine("conformance", file));
            var root = file.EndsWith(".json", StringComparison.Ordinal) ? JsonNode.Parse(File.ReadAllText(path)) : YamlJson.Load(File.ReadAllText(path));
            var origin = $"conformance #{index} {file} [{(string)c["rule"]!}]";
            var group = Group(groups, ConformanceRules((string)c["rule"]!, c["peer_params"]));
            if (Text(root?["kind"]) == "AdmissionReview")
            {
                AddRequest(group, origin, root!["request"]);
            }
            else if (root?["object"] is not null && root["operation"] is not null)
            {
                AddRequest(group, origin, root);
            }
            else
            {
                Add(group, origin, root, null);
            }
        }
    }

    /// <summary>Pinned's policy for a conformance case, as Pinned.Policy.Tests' PeerPolicy words it: the case's rule, with the peer's parameters it can express.</summary>
    private static JsonObject ConformanceRules(string rule, JsonNode? p)
    {
        var rules = new JsonObject();
        foreach (var id in RuleIds.All)
        {
            rules[id] = new JsonObject { ["action"] = id == rule ? "enforce" : "disabled" };
        }

        var own = rules[rule]!.AsObject();
        if (rule == RuleIds.MutableTag && (p?["tags"] is JsonArray || p?["tags"]?["reject"] is JsonArray))
        {
            own["mutableTags"] = (p!["tags"] as JsonArray ?? p["tags"]!["reject"]!.AsArray()).DeepClone();
        }

        if (p?["exemptImages"] is JsonArray exempt && rule != RuleIds.HostPath)
        {
            own["exemptImages"] = exempt.DeepClone();
        }

        if (rule == RuleIds.HostPath && p?["allowedHostPaths"] is JsonArray allowed)
        {
            own["allowedHostPaths"] = allowed.DeepClone();
        }

        return rules;
    }

    /// <summary>A policy file's rules with every rule that is not disabled enforced (mode and exempt namespaces are the groups').</summary>
    private static JsonObject Enforced(JsonNode? rules)
    {
        var enforced = new JsonObject();
        foreach (var id in RuleIds.All)
        {
            var rule = rules?[id] is JsonObject own ? (JsonObject)own.DeepClone() : [];
            rule["action"] = (string?)rule["action"] == "disabled" ? "disabled" : "enforce";
            enforced[id] = rule;
        }

        return enforced;
    }

    private static void AddRequest(DifferentialGroup group, string origin, JsonNode? request)
    {
        var kind = request?["kind"];
        Add(group, origin, request?["object"], Text(kind?["kind"]));
    }

    private static void Add(DifferentialGroup group, string origin, JsonNode? source, string? kindHint)
    {
        if (source is not JsonObject original)
        {
            return;
        }

        var kind = Text(original["kind"]) ?? kindHint;
        if (WorkloadKinds.Resource(kind) is not { } resource || WorkloadKinds.PodSpecPath(kind) is not { } specPath)
        {
            return; // No pod spec: neither side judges it.
        }

        var body = (JsonObject)original.DeepClone();
        body["apiVersion"] = resource.Group.Length == 0 ? "v1" : resource.Group + "/v1";
        body["kind"] = kind;
        body.Remove("status");
        var metadata = new JsonObject { ["name"] = $"o{group.Objects.Count}" };
        foreach (var kept in new[] { "labels", "annotations" })
        {
            if (original["metadata"]?[kept] is JsonObject map)
            {
                metadata[kept] = map.DeepClone();
            }
        }

        body["metadata"] = metadata;
        if (specPath.Aggregate((JsonNode?)body, (node, field) => node?[field]) is JsonObject spec)
        {
            WithoutWhat128CannotCarry(spec);
            AsAJobCreatedByHand(kind!, body, spec);
        }

        group.Objects.Add(new(origin, kind!, body));
    }

    /// <summary>
    /// A Job or CronJob as a person writes one: a captured Job carries the selector and labels its
    /// controller set (refused on create), a peer's CronJob may lack restartPolicy. Neither is judged.
    /// </summary>
    private static void AsAJobCreatedByHand(string kind, JsonObject body, JsonObject spec)
    {
        if (kind is not ("Job" or "CronJob"))
        {
            return;
        }

        spec["restartPolicy"] ??= "Never";
        if (kind == "Job" && body["spec"] is JsonObject jobSpec)
        {
            jobSpec.Remove("selector");
            jobSpec.Remove("manualSelector");
            if (jobSpec["template"]?["metadata"]?["labels"] is JsonObject labels)
            {
                foreach (var controllerLabel in new[] { "controller-uid", "job-name", "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name" })
                {
                    labels.Remove(controllerLabel);
                }
            }
        }
    }

    private static void WithoutWhat128CannotCarry(JsonObject spec)
    {
        spec.Remove("ephemeralContainers");
        if (spec["volumes"] is not JsonArray volumes)
        {
            return;
        }

        var images = volumes.OfType<JsonObject>().Where(v => v["image"] is not null).ToList();
        foreach (var volume in images)
        {
            volumes.Remove(volume);
            var name = (string?)volume["name"];
            foreach (var list in new[] { "containers", "initContainers" })
            {
                foreach (var container in (spec[list] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    if (container["volumeMounts"] is JsonArray mounts)
                    {
                        foreach (var mount in mounts.OfType<JsonObject>().Where(m => (string?)m["name"] == name).ToList())
                        {
                            mounts.Remove(mount);
                        }
                    }
                }
            }
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DifferentialGroup Group(Dictionary<string, DifferentialGroup> groups, JsonObject rules)
    {
        var key = rules.ToJsonString();
        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = new DifferentialGroup(key, rules);
        }

        return group;
    }

    private static JsonObject Pod(string name, JsonObject spec) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = spec,
    };
}
