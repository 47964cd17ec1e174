using System.Text.Json.Nodes;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>Helm's coalescing of a values file over the chart's values: maps merge, the rest replaces, null deletes.</summary>
internal static class ValuesMerge
{
    public static JsonObject Merge(JsonObject defaults, JsonObject overrides)
    {
        var result = (JsonObject)defaults.DeepClone();
        foreach (var (key, value) in overrides)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject map && result[key] is JsonObject existing)
            {
                result[key] = Merge(existing, map);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        return result;
    }
}
