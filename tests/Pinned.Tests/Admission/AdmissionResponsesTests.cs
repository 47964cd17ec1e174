using Pinned.Admission;
using Pinned.Policy;

namespace Pinned.Tests.Admission;

public sealed class AdmissionResponsesTests
{
    private static readonly AdmissionRequestFields Request =
        new("6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", "Pod", "CREATE", "demo", "web", null, false, DecodedObject.Missing, DecodedObject.Missing);

    [Fact]
    public void A_denial_message_holds_the_enforced_violations_one_per_line_in_order_and_the_rest_become_warnings()
    {
        Violation[] violations =
        [
            Make(RuleIds.ImageDigest, "spec.containers[0].image", RuleAction.Enforce),
            Make(RuleIds.MutableTag, "spec.containers[0].image", RuleAction.Warn),
            Make(RuleIds.HostPath, "spec.volumes[1]", RuleAction.Enforce),
            Make(RuleIds.ImageDigest, "spec.initContainers[0].image", RuleAction.Audit),
            Make(RuleIds.ImageDigest, "spec.containers[2].image", RuleAction.Enforce),
        ];

        var response = AdmissionResponses.FromViolations(Request, violations);

        Assert.False(response.Allowed);
        Assert.Equal(403, response.Status!.Code);
        Assert.Equal(
            string.Join('\n', violations[0].ToString(), violations[2].ToString(), violations[4].ToString()),
            response.Status.Message);
        Assert.Equal([violations[1].ToString(), violations[3].ToString()], response.Warnings);
        Assert.NotNull(response.AuditAnnotations);
    }

    [Fact]
    public void A_single_enforced_violation_is_the_whole_message()
    {
        var violation = Make(RuleIds.HostPath, "spec.volumes[0]", RuleAction.Enforce);

        var response = AdmissionResponses.FromViolations(Request, [violation]);

        Assert.Equal(violation.ToString(), response.Status!.Message);
        Assert.Null(response.Warnings);
    }

    [Fact]
    public void Without_an_enforced_violation_the_review_is_allowed_with_no_status()
    {
        var response = AdmissionResponses.FromViolations(Request, [Make(RuleIds.MutableTag, "spec.containers[0].image", RuleAction.Warn)]);

        Assert.True(response.Allowed);
        Assert.Null(response.Status);
        Assert.Single(response.Warnings!);
    }

    private static Violation Make(string rule, string path, RuleAction action) =>
        new(rule, path, "nginx:1.27", $"image 'nginx:1.27' breaks {rule} at {path} — naïvely", "pin it with 'pinned pin'", action);
}
