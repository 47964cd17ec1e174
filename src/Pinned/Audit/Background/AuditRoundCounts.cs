using Pinned.Policy;

namespace Pinned.Audit.Background;

/// <summary>
/// What the audit metrics show of one round: counts only, keyed by bounded labels. Namespaces
/// beyond the first <c>metricNamespaces</c> (by most results) are summed as "_other", so that a
/// cluster of thousands of namespaces cannot blow up the scrape.
/// </summary>
internal sealed class AuditRoundCounts
{
    // Not a valid namespace name (no underscore in a DNS label), so it never collides with a real one.
    public const string OtherNamespace = "_other";

    private AuditRoundCounts(
        IReadOnlyDictionary<(string Namespace, string Rule, string Action), int> findings,
        IReadOnlyDictionary<(string Namespace, string Kind), int> drift,
        IReadOnlyDictionary<string, int> objects)
    {
        Findings = findings;
        Drift = drift;
        Objects = objects;
    }

    public static AuditRoundCounts Empty { get; } = new(
        new Dictionary<(string, string, string), int>(), new Dictionary<(string, string), int>(), new Dictionary<string, int>());

    /// <summary>Results that violate a rule, by namespace, rule and the action the rule takes.</summary>
    public IReadOnlyDictionary<(string Namespace, string Rule, string Action), int> Findings { get; }

    /// <summary>Drifts (SPEC.md §8), by namespace and drift kind.</summary>
    public IReadOnlyDictionary<(string Namespace, string Kind), int> Drift { get; }

    /// <summary>Objects listed, by kind.</summary>
    public IReadOnlyDictionary<string, int> Objects { get; }

    public static AuditRoundCounts From(AuditReport report, IReadOnlyDictionary<string, int> objectsByKind, int namespaceLimit)
    {
        var shown = ShownNamespaces(report.Results, namespaceLimit);
        string Label(string ns) => shown.Contains(ns) ? ns : OtherNamespace;

        var findings = new Dictionary<(string, string, string), int>();
        var drift = new Dictionary<(string, string), int>();
        foreach (var result in report.Results)
        {
            var ns = Label(result.Object.Namespace);
            foreach (var (rule, action) in result.Violations.Select(v => (v.RuleId, v.Action)).Distinct())
            {
                var key = (ns, rule, action.ToConfigString());
                findings[key] = findings.GetValueOrDefault(key) + 1;
            }

            foreach (var d in result.Drift)
            {
                var key = (ns, d.Id);
                drift[key] = drift.GetValueOrDefault(key) + 1;
            }
        }

        return new AuditRoundCounts(findings, drift, new Dictionary<string, int>(objectsByKind));
    }

    private static HashSet<string> ShownNamespaces(IReadOnlyList<AuditFinding> results, int limit) =>
        results
            .GroupBy(r => r.Object.Namespace, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(Math.Max(0, limit))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
}
