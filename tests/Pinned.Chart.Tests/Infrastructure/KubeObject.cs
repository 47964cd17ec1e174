using System.Text.Json.Nodes;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>One rendered Kubernetes object, with the fields tests ask for most.</summary>
internal sealed class KubeObject(JsonObject node)
{
    public JsonObject Node { get; } = node;

    public string Kind => (string?)Node["kind"] ?? "";

    public string Name => (string?)Node["metadata"]?["name"] ?? "";

    public string? Namespace => (string?)Node["metadata"]?["namespace"];

    public IReadOnlyDictionary<string, string> Annotations => StringMap(Node["metadata"]?["annotations"]);

    public IReadOnlyDictionary<string, string> Labels => StringMap(Node["metadata"]?["labels"]);

    /// <summary>Helm hook events ("post-install", ...), empty for an ordinary release object.</summary>
    public IReadOnlyList<string> HookEvents =>
        Annotations.TryGetValue("helm.sh/hook", out var hooks) ? hooks.Split(',', StringSplitOptions.TrimEntries) : [];

    public int HookWeight =>
        Annotations.TryGetValue("helm.sh/hook-weight", out var weight) ? int.Parse(weight, System.Globalization.CultureInfo.InvariantCulture) : 0;

    public JsonNode? this[string path] => Get(Node, path);

    public override string ToString() => $"{Kind}/{Name}";

    /// <summary>A dotted path with [i] indexes: "spec.template.spec.containers[0].image".</summary>
    public static JsonNode? Get(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            var name = part;
            var index = -1;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                name = part[..bracket];
                index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            }

            if (name.Length > 0)
            {
                node = node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) ? child : null;
            }

            if (index >= 0)
            {
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }
        }

        return node;
    }

    private static Dictionary<string, string> StringMap(JsonNode? node) =>
        node is JsonObject obj
            ? obj.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal)
            : [];
}
