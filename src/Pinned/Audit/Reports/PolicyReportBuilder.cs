using System.Globalization;
using Pinned.Policy;

namespace Pinned.Audit.Reports;

/// <summary>Turns an audit into one report per namespace that has failures: fail for enforce/audit rules, warn for warn rules, drift as warn.</summary>
internal static class PolicyReportBuilder
{
    public const int MaxResults = 1000;

    public static IReadOnlyList<NamespaceReport> Build(AuditReport report) =>
        [.. report.Results
            .SelectMany(Results)
            .GroupBy(r => r.Resource.Namespace, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(Namespace)];

    private static NamespaceReport Namespace(IGrouping<string, PolicyReportResult> results)
    {
        var all = results.ToList();
        return new NamespaceReport(
            results.Key,
            [.. all.Take(MaxResults)],
            all.Count(r => r.Result == "fail"),
            all.Count(r => r.Result == "warn"),
            all.Count > MaxResults);
    }

    private static IEnumerable<PolicyReportResult> Results(AuditFinding finding)
    {
        var resource = finding.Group;
        foreach (var violation in finding.Violations.Where(v => v.Action != RuleAction.Disabled))
        {
            var warn = violation.Action == RuleAction.Warn;
            yield return new PolicyReportResult(resource, violation.RuleId, violation.ToString(), warn ? "warn" : "fail", "Image pinning", warn ? "medium" : "high",
                Properties(finding, violation.Image, violation.Path));
        }

        foreach (var drift in finding.Drift)
        {
            yield return new PolicyReportResult(resource, drift.Id, drift.Describe(), "warn", "Image drift", "medium",
                Properties(finding, drift.Image, null));
        }
    }

    /// <summary>The pods the result covers, the image and the field path; for a pod of an owner, the pod (the resource is its owner).</summary>
    private static Dictionary<string, string> Properties(AuditFinding finding, string? image, string? path)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["pods"] = finding.Pods.ToString(CultureInfo.InvariantCulture) };
        if (image is not null)
        {
            properties["image"] = image;
        }

        if (path is not null)
        {
            properties["path"] = path;
        }

        if (finding.IsPodOfOwner)
        {
            properties["pod"] = finding.Object.Name;
        }

        return properties;
    }
}
