using System.Text.Json.Nodes;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>Paths in a values tree ("policy.rules.host-path.action").</summary>
internal static class ValuesTree
{
    /// <summary>Scalars, lists and empty maps: the values a person sets.</summary>
    public static IEnumerable<string> Leaves(JsonNode? node, string prefix = "") =>
        node is JsonObject { Count: > 0 } obj
            ? obj.SelectMany(p => Leaves(p.Value, prefix.Length == 0 ? p.Key : $"{prefix}.{p.Key}"))
            : [prefix];

    /// <summary>True when every key of the dotted path exists (a null value counts).</summary>
    public static bool Exists(JsonNode? node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(key, out node))
            {
                return false;
            }
        }

        return true;
    }
}
