using System.Collections.Frozen;

namespace Pinned.Policy;

/// <summary>Where each kind that carries a pod spec keeps it (SPEC.md §2).</summary>
public static class WorkloadKinds
{
    private static readonly string[] PodPath = ["spec"];
    private static readonly string[] TemplatePath = ["spec", "template", "spec"];
    private static readonly string[] CronJobPath = ["spec", "jobTemplate", "spec", "template", "spec"];
    private static readonly string[] PodTemplatePath = ["template", "spec"];

    /// <summary>Kind, where its pod spec is, and the API group and resources (with subresources) that serve it.</summary>
    private static readonly (string Kind, string[] Path, string ApiGroup, string[] Resources)[] Table =
    [
        ("Pod", PodPath, "", ["pods", "pods/ephemeralcontainers"]),
        ("Deployment", TemplatePath, "apps", ["deployments"]),
        ("ReplicaSet", TemplatePath, "apps", ["replicasets"]),
        ("StatefulSet", TemplatePath, "apps", ["statefulsets"]),
        ("DaemonSet", TemplatePath, "apps", ["daemonsets"]),
        ("ReplicationController", TemplatePath, "", ["replicationcontrollers"]),
        ("Job", TemplatePath, "batch", ["jobs"]),
        ("CronJob", CronJobPath, "batch", ["cronjobs"]),
        ("PodTemplate", PodTemplatePath, "", ["podtemplates"]),
    ];

    private static readonly FrozenDictionary<string, string[]> Paths =
        Table.ToFrozenDictionary(k => k.Kind, k => k.Path, StringComparer.Ordinal);

    /// <summary>Every kind with its pod-spec path, API group (core is "") and resources, in a stable order.</summary>
    public static IReadOnlyList<WorkloadKind> Served { get; } =
        [.. Table.Select(k => new WorkloadKind(k.Kind, k.Path, k.ApiGroup, k.Resources))];

    // Where the API serves each kind: what a cluster audit lists. Every kind of SPEC.md §2 is
    // served at v1 (GA since Kubernetes 1.9, CronJob since 1.21); the first resource is the kind's own.
    private static readonly FrozenDictionary<string, WorkloadResource> Resources =
        Table.ToFrozenDictionary(k => k.Kind, k => new WorkloadResource(k.ApiGroup, "v1", k.Resources[0]), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> JoinedPaths =
        Paths.ToFrozenDictionary(p => p.Key, p => string.Join('.', p.Value), StringComparer.Ordinal);

    // The decoder looks fields up by UTF-8 name, which spares JsonElement a transcoding per lookup.
    private static readonly FrozenDictionary<string, (byte[][] Utf8Path, string Text)> Locations =
        Paths.ToFrozenDictionary(
            p => p.Key,
            p => ((byte[][])[.. p.Value.Select(System.Text.Encoding.UTF8.GetBytes)], JoinedPaths[p.Key]),
            StringComparer.Ordinal);

    internal static bool TryGetLocation(string? kind, out byte[][] utf8Path, out string pathText)
    {
        if (kind is not null && Locations.TryGetValue(kind, out var location))
        {
            (utf8Path, pathText) = location;
            return true;
        }

        (utf8Path, pathText) = ([], string.Empty);
        return false;
    }

    /// <summary>Every kind Pinned judges.</summary>
    public static IReadOnlyCollection<string> All => Paths.Keys;

    /// <summary>The field names from the object's root to its pod spec, or null for a kind without one.</summary>
    public static IReadOnlyList<string>? PodSpecPath(string? kind) =>
        kind is not null && Paths.TryGetValue(kind, out var path) ? path : null;

    /// <summary>The API resource that serves <paramref name="kind"/>, or null for a kind without a pod spec.</summary>
    public static WorkloadResource? Resource(string? kind) =>
        kind is not null && Resources.TryGetValue(kind, out var resource) ? resource : null;

    /// <summary>The same path as a dotted string ("spec.template.spec"), or null.</summary>
    public static string? PodSpecPathText(string? kind) =>
        kind is not null && JoinedPaths.TryGetValue(kind, out var path) ? path : null;
}
