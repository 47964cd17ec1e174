using static Pinned.Policy.Tests.Rules.Pods;

namespace Pinned.Policy.Tests.Rules;

public sealed class EvaluatorTests
{
    /// <summary>Three bad containers (unpinned, latest, invalid) and two hostPath volumes.</summary>
    private static PodSpecView BadPod() => Spec("""
        {
          "containers": [ { "name": "a", "image": "nginx" }, { "name": "b", "image": "redis:latest" } ],
          "initContainers": [ { "name": "c", "image": "Bad Ref" } ],
          "volumes": [ { "name": "h1", "hostPath": { "path": "/etc" } }, { "name": "h2", "hostPath": { "path": "/var/run/docker.sock" } } ]
        }
        """);

    [Fact]
    public void A_denial_lists_every_violation_of_every_rule_in_rule_order()
    {
        var result = new PolicyEvaluator(PolicyOptions.Default).Evaluate(BadPod());

        Assert.True(result.Denied);
        Assert.Equal(
            [
                "image-digest spec.containers[0].image", "image-digest spec.containers[1].image", "image-digest spec.initContainers[0].image",
                "mutable-tag spec.containers[0].image", "mutable-tag spec.containers[1].image",
                "host-path spec.volumes[0]", "host-path spec.volumes[1]",
            ],
            result.Violations.Select(v => $"{v.RuleId} {v.Path}"));
        Assert.All(result.Violations, v => Assert.Equal(RuleAction.Enforce, v.Action));
    }

    [Fact]
    public void A_clean_pod_has_no_violations()
    {
        var result = new PolicyEvaluator(PolicyOptions.Default).Evaluate(WithImages("app" + AtDigest, "ghcr.io/x/y:1.0" + AtDigest));

        Assert.Same(EvaluationResult.Empty, result);
        Assert.False(result.Denied);
    }

    [Theory]
    [InlineData("audit", RuleAction.Audit)]
    [InlineData("warn", RuleAction.Warn)]
    [InlineData("enforce", RuleAction.Enforce)]
    public void The_mode_caps_every_rule(string mode, RuleAction expected)
    {
        var result = new PolicyEvaluator(PolicyFrom($"mode: {mode}")).Evaluate(BadPod());

        Assert.Equal(7, result.Violations.Count);
        Assert.All(result.Violations, v => Assert.Equal(expected, v.Action));
        Assert.Equal(expected == RuleAction.Enforce, result.Denied);
    }

    [Fact]
    public void Each_rule_keeps_its_own_action_and_a_disabled_rule_reports_nothing()
    {
        var policy = PolicyFrom("""
            rules:
              image-digest: { action: audit }
              mutable-tag: { action: disabled }
              host-path: { action: warn }
            """);

        var result = new PolicyEvaluator(policy).Evaluate(BadPod());

        Assert.False(result.Denied);
        Assert.DoesNotContain(result.Violations, v => v.RuleId == RuleIds.MutableTag);
        Assert.All(result.Violations.Where(v => v.RuleId == RuleIds.ImageDigest), v => Assert.Equal(RuleAction.Audit, v.Action));
        Assert.All(result.Violations.Where(v => v.RuleId == RuleIds.HostPath), v => Assert.Equal(RuleAction.Warn, v.Action));
    }

    [Theory]
    [InlineData("enforce", RuleAction.Enforce, RuleAction.Enforce)]
    [InlineData("enforce", RuleAction.Audit, RuleAction.Audit)]
    [InlineData("enforce", RuleAction.Warn, RuleAction.Warn)]
    [InlineData("audit", RuleAction.Enforce, RuleAction.Audit)]
    [InlineData("warn", RuleAction.Audit, RuleAction.Warn)]
    [InlineData("warn", RuleAction.Enforce, RuleAction.Warn)]
    [InlineData("disabled", RuleAction.Enforce, RuleAction.Disabled)]
    [InlineData("enforce", RuleAction.Disabled, RuleAction.Disabled)]
    public void A_cap_lowers_an_action_and_never_raises_it(string ruleAction, RuleAction cap, RuleAction expected)
    {
        var evaluator = new PolicyEvaluator(PolicyFrom($"rules: {{ image-digest: {{ action: {ruleAction} }} }}"));

        Assert.Equal(expected, evaluator.EffectiveAction(RuleIds.ImageDigest, cap));
        var digestViolations = evaluator.Evaluate(WithImages("nginx:1.0"), cap).Violations;
        Assert.Equal(expected == RuleAction.Disabled ? [] : [expected], digestViolations.Select(v => v.Action));
    }

    [Fact]
    public void Asking_for_an_unknown_rule_names_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => new PolicyEvaluator(PolicyOptions.Default).EffectiveAction("latest-tag"));

        Assert.Contains("unknown rule 'latest-tag' (known: image-digest, mutable-tag, host-path)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_mode_cannot_be_raised_by_the_caller()
    {
        var evaluator = new PolicyEvaluator(PolicyFrom("mode: audit"));

        Assert.False(evaluator.Evaluate(BadPod(), RuleAction.Enforce).Denied);
        Assert.Equal(RuleAction.Audit, evaluator.EffectiveAction(RuleIds.HostPath));
    }

    [Fact]
    public void An_update_does_not_block_on_violations_the_old_object_already_had()
    {
        var evaluator = new PolicyEvaluator(PolicyOptions.Default);
        var old = evaluator.Evaluate(WithImages("nginx:1.27"));

        var result = evaluator.Evaluate(WithImages("nginx:1.27")).ExceptPresentIn(old);

        Assert.False(result.Denied);
        var violation = Assert.Single(result.Violations);
        Assert.True(violation.PreExisting);
        Assert.Equal(RuleAction.Warn, violation.Action);
    }

    [Fact]
    public void An_update_that_introduces_a_violation_is_judged_on_it_alone()
    {
        var evaluator = new PolicyEvaluator(PolicyOptions.Default);
        var old = evaluator.Evaluate(WithImages("nginx:1.27"));

        var result = evaluator.Evaluate(WithImages("nginx:1.27", "redis:latest")).ExceptPresentIn(old);

        Assert.True(result.Denied);
        Assert.Equal(
            [("spec.containers[0].image", true), ("spec.containers[1].image", false), ("spec.containers[1].image", false)],
            result.Violations.Select(v => (v.Path, v.PreExisting)));
    }

    [Fact]
    public void Changing_an_image_in_place_is_a_new_violation()
    {
        var evaluator = new PolicyEvaluator(PolicyOptions.Default);
        var old = evaluator.Evaluate(WithImages("nginx:1.27"));

        var result = evaluator.Evaluate(WithImages("nginx:1.28")).ExceptPresentIn(old);

        Assert.True(result.Denied);
        Assert.False(Assert.Single(result.Violations).PreExisting);
    }

    [Fact]
    public void A_pre_existing_audit_violation_is_reported_as_a_warning()
    {
        var evaluator = new PolicyEvaluator(PolicyFrom("mode: audit"));
        var old = evaluator.Evaluate(BadPod());

        var result = evaluator.Evaluate(BadPod()).ExceptPresentIn(old);

        Assert.All(result.Violations, v => Assert.Equal((true, RuleAction.Warn), (v.PreExisting, v.Action)));
    }

    [Fact]
    public void An_update_of_a_clean_object_or_from_a_clean_object_keeps_the_result()
    {
        var evaluator = new PolicyEvaluator(PolicyOptions.Default);
        var bad = evaluator.Evaluate(BadPod());

        Assert.Same(bad, bad.ExceptPresentIn(EvaluationResult.Empty));
        Assert.Same(EvaluationResult.Empty, EvaluationResult.Empty.ExceptPresentIn(bad));
    }
}
