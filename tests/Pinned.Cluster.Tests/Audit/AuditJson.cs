using System.Text.Json;

namespace Pinned.Cluster.Tests.Audit;

/// <summary>Reads `pinned audit -o json` back into the lines <see cref="AuditRendering"/> writes, so that the CLI and the core are compared alike.</summary>
internal static class AuditJson
{
    public static string[] Lines(JsonElement root, string ns) =>
        [.. root.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("namespace").GetString() == ns)
            .Select(Line)];

    public static string Line(JsonElement r)
    {
        var parts = new List<string> { r.GetProperty("source").GetString()! };
        if (r.GetProperty("owner") is { ValueKind: JsonValueKind.Object } owner)
        {
            parts.Add($"owner={r.GetProperty("namespace").GetString()}/{owner.GetProperty("kind").GetString()}/{owner.GetProperty("name").GetString()}");
        }

        parts.Add($"pods={r.GetProperty("pods").GetInt32()}");
        parts.Add(r.GetProperty("verdict").GetString()!);
        parts.AddRange(r.GetProperty("violations").EnumerateArray().Select(v =>
            $"[{v.GetProperty("rule").GetString()} {v.GetProperty("path").GetString()} {v.GetProperty("image").GetString() ?? "-"}]"));
        var drift = r.GetProperty("drift").EnumerateArray().ToList();
        if (drift.Count > 0)
        {
            parts.Add("drift[" + string.Join("; ", drift.Select(d => $"{d.GetProperty("type").GetString()} {d.GetProperty("image").GetString()}: "
                + string.Join(' ', d.GetProperty("running").EnumerateArray().Select(x => $"{x.GetProperty("digest").GetString()}={x.GetProperty("pods").GetInt32()}")))) + "]");
        }

        var pins = r.GetProperty("pins").EnumerateArray().ToList();
        if (pins.Count > 0)
        {
            parts.Add("pins[" + string.Join(' ', pins.Select(p => p.GetProperty("pinned").GetString())) + "]");
        }

        return string.Join(' ', parts);
    }
}
