namespace Pinned.Policy;

/// <summary>Every violation of one pod spec, in rule order.</summary>
public sealed class EvaluationResult(IReadOnlyList<Violation> violations)
{
    public static EvaluationResult Empty { get; } = new([]);

    public IReadOnlyList<Violation> Violations { get; } = violations;

    /// <summary>True when some violation's action is enforce (and it is not pre-existing).</summary>
    public bool Denied
    {
        get
        {
            for (int i = 0; i < Violations.Count; i++)
            {
                if (Violations[i].Action == RuleAction.Enforce)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// UPDATE semantics (SPEC.md §4): a violation the old object already had does not block the
    /// update, so that finalizer removal or a label change on an old pod never wedges; it is still
    /// reported, as a warning. A violation counts as the same when rule, path, image and message agree.
    /// </summary>
    public EvaluationResult ExceptPresentIn(EvaluationResult old)
    {
        if (Violations.Count == 0 || old.Violations.Count == 0)
        {
            return this;
        }

        var before = old.Violations.Select(Key).ToHashSet();
        var judged = Violations
            .Select(v => before.Contains(Key(v)) && v.Action != RuleAction.Disabled
                ? v with { Action = v.Action.Cap(RuleAction.Warn), PreExisting = true }
                : v)
            .ToArray();
        return new EvaluationResult(judged);
    }

    private static (string, string, string?, string) Key(Violation v) => (v.RuleId, v.Path, v.Image, v.Message);
}
