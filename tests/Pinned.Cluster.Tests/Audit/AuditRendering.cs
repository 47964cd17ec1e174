using Pinned.Audit;

namespace Pinned.Cluster.Tests.Audit;

/// <summary>One line per result, with everything a result says, so that a test compares whole results at once.</summary>
internal static class AuditRendering
{
    public static string Line(AuditFinding finding)
    {
        var parts = new List<string> { finding.Object.ToString() };
        if (finding.Owner is { } owner)
        {
            parts.Add($"owner={owner}");
        }

        parts.Add($"pods={finding.Pods}");
        parts.Add(finding.Denied ? "deny" : "allow");
        parts.AddRange(finding.Violations.Select(v => $"[{v.RuleId} {v.Path} {v.Image ?? "-"}]"));
        if (finding.Drift.Count > 0)
        {
            parts.Add("drift[" + string.Join("; ", finding.Drift.Select(d =>
                $"{d.Id} {d.Image}: {string.Join(' ', d.Running.Select(r => $"{r.Digest}={r.Pods}"))}")) + "]");
        }

        if (finding.Pins.Count > 0)
        {
            parts.Add("pins[" + string.Join(' ', finding.Pins.Select(p => p.Pinned)) + "]");
        }

        return string.Join(' ', parts);
    }
}
