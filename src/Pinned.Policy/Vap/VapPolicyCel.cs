namespace Pinned.Policy.Vap;

/// <summary>
/// The variables and checks of one policy: the rules that share one action, judged on the object
/// and, on UPDATE, on the old object, so that only what the update introduces counts (SPEC.md §4:
/// a violation is the same when rule, path, image and message agree, as the webhook compares).
/// </summary>
internal static class VapPolicyCel
{
    public const string Violations = "variables.violations";

    /// <summary>The violations the old object did not have: what blocks, warns or is audited.</summary>
    public const string Fresh = "variables.fresh";

    public static IReadOnlyList<CelVariable> Variables(VapParameters parameters, IReadOnlyList<string> rules)
    {
        var variables = new List<CelVariable> { new("specPath", PodSpecCel.SpecPath()) };
        foreach (var pod in new[] { PodCel.New, PodCel.Old })
        {
            variables.AddRange(pod.Variables());
            bool images = rules.Contains(RuleIds.ImageDigest) || rules.Contains(RuleIds.MutableTag);
            if (images)
            {
                variables.AddRange(ReferenceCel.Variables(pod));
            }

            if (rules.Contains(RuleIds.HostPath))
            {
                variables.AddRange(HostPathCel.Variables(pod, parameters));
            }

            var lists = rules.Select(rule => RuleViolations(pod, rule, parameters));
            variables.Add(new(pod.IsOld ? "oldKeys" : "violations", string.Join(" + ", lists.Select(l => $"({l})"))));
        }

        variables.Add(new("fresh", FreshExpression));
        return variables;
    }

    public const string FreshExpression = $"{Violations}.filter(e, !(e.k in variables.oldKeys))";

    /// <summary>One rule's violations of one pod spec: entries (key and line) for the object, keys for the old object.</summary>
    public static string RuleViolations(PodCel pod, string rule, VapParameters parameters) => rule switch
    {
        RuleIds.ImageDigest => ImageRulesCel.ImageDigest(pod, parameters),
        RuleIds.MutableTag => ImageRulesCel.MutableTag(pod, parameters),
        _ => HostPathCel.HostPath(pod),
    };

    public const string Passes = $"{Violations}.size() == 0 || {Fresh}.size() == 0";

    public const string Message = $"{Fresh}.map(e, e.l).join('; ')";

    // The 1.28 type checker refuses `? null : string`; an empty value omits the annotation as null would.
    public const string AuditValue = $"{Violations}.size() == 0 || {Fresh}.size() == 0 ? '' : {Message}";
}
