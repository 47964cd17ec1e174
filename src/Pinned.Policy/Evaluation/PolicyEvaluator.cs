using System.Buffers;

namespace Pinned.Policy;

/// <summary>Runs every enabled rule over a pod spec and aggregates all violations (never fail-fast).</summary>
public sealed class PolicyEvaluator
{
    private readonly PolicyOptions _options;
    private readonly IPodRule[] _rules;

    public PolicyEvaluator(PolicyOptions options)
    {
        _options = options;
        _rules =
        [
            new ImageDigestRule(options.ImageDigest),
            new MutableTagRule(options.MutableTag),
            new HostPathRule(options.HostPath),
        ];
    }

    public PolicyOptions Options => _options;

    /// <summary>The action a rule ends up with: its own, capped by the global mode and by the caller's cap.</summary>
    public RuleAction EffectiveAction(string ruleId, RuleAction cap = RuleAction.Enforce)
    {
        var rule = Array.Find(_rules, r => r.Id == ruleId)
            ?? throw new ArgumentException($"unknown rule '{ruleId}' (known: {string.Join(", ", RuleIds.All)})", nameof(ruleId));
        return rule.Action.Cap(_options.Mode).Cap(cap);
    }

    public EvaluationResult Evaluate(PodSpecView pod, RuleAction cap = RuleAction.Enforce)
    {
        // Pooled, and cleared on return so that the pool holds no reference to the pod.
        var buffer = ArrayPool<ParsedImage>.Shared.Rent(ParsedImage.MaxCount(pod));
        int count = 0;
        try
        {
            count = ParsedImage.ParseInto(pod, buffer);
            var images = buffer.AsSpan(0, count);
            List<Violation>? violations = null;
            foreach (var rule in _rules)
            {
                var action = rule.Action.Cap(_options.Mode).Cap(cap);
                if (action != RuleAction.Disabled)
                {
                    rule.Evaluate(pod, images, action, ref violations);
                }
            }

            return violations is null || violations.Count == 0 ? EvaluationResult.Empty : new EvaluationResult(violations);
        }
        finally
        {
            buffer.AsSpan(0, count).Clear();
            ArrayPool<ParsedImage>.Shared.Return(buffer);
        }
    }
}
