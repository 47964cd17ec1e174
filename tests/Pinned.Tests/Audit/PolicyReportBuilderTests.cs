using Pinned.Audit;
using Pinned.Audit.Reports;
using Pinned.Policy;

namespace Pinned.Tests.Audit;

/// <summary>PolicyReport content: failures only, one report per namespace, at most 1000 results, exact counts.</summary>
public sealed class PolicyReportBuilderTests
{
    [Fact]
    public void Caps_results_at_1000_and_keeps_counts_exact()
    {
        var findings = Enumerable.Range(0, 1200).Select(i => Finding("shop", $"web-{i}", RuleAction.Enforce))
            .Append(Finding("shop", "warned", RuleAction.Warn));

        var report = Assert.Single(PolicyReportBuilder.Build(Audit(findings)));

        Assert.Equal(1000, report.Results.Count);
        Assert.Equal(1200, report.Fail);
        Assert.Equal(1, report.Warn);
        Assert.True(report.Truncated);
    }

    [Fact]
    public void Reports_failures_only_per_namespace_on_the_owner()
    {
        var clean = Finding("clean", "ok", RuleAction.Disabled);
        var report = PolicyReportBuilder.Build(Audit([Finding("b", "x", RuleAction.Warn), clean, Finding("a", "y", RuleAction.Enforce)]));

        Assert.Equal(["a", "b"], report.Select(r => r.Namespace));
        Assert.Equal("fail", Assert.Single(report[0].Results).Result);
        Assert.Equal(new ObjectRef("Deployment", "b", "x"), Assert.Single(report[1].Results).Resource);
        Assert.False(report[0].Truncated);
    }

    private static AuditFinding Finding(string ns, string name, RuleAction action) =>
        new(new ObjectRef("Deployment", ns, name), null, 1, action == RuleAction.Enforce,
            [new Violation("mutable-tag", "spec.template.spec.containers[0].image", "nginx:latest", "uses a mutable tag", "pin a digest", action)], [], []);

    private static AuditReport Audit(IEnumerable<AuditFinding> findings) =>
        new([.. findings], [], [], [], new AuditSummary(0, 0, 0, 0, 0, 0, 0, 0));
}
