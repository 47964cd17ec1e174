namespace Pinned.Policy.Vap;

/// <summary>
/// The ValidatingAdmissionPolicy objects and bindings for a policy file (SPEC.md §9): one policy
/// and one binding per action in use (Deny, Warn, Audit), each holding the rules with that action.
/// </summary>
public static class VapDocuments
{
    public const string DefaultPrefix = "pinned";

    private static readonly (RuleAction Action, string ValidationAction, string Suffix)[] Actions =
    [
        (RuleAction.Enforce, "Deny", "enforce"),
        (RuleAction.Warn, "Warn", "warn"),
        (RuleAction.Audit, "Audit", "audit"),
    ];

    /// <summary>The documents, in order (policy then its binding, per action); empty when every rule is disabled.</summary>
    /// <exception cref="VapRefusedException">Part of the policy cannot be enforced by the API server.</exception>
    public static IReadOnlyList<object> Build(PolicyOptions policy, VapApiVersion version, string prefix)
    {
        VapRefusals.ThrowIfAny(policy);
        var apiVersion = version == VapApiVersion.V1 ? "admissionregistration.k8s.io/v1" : "admissionregistration.k8s.io/v1beta1";
        var documents = new List<object>();
        var expressions = new List<(string Policy, CelVariable Variable)>();
        foreach (var (action, validationAction, suffix) in Actions)
        {
            var rules = RuleIds.All.Where(rule => EffectiveAction(policy, rule) == action).ToList();
            if (rules.Count == 0)
            {
                continue;
            }

            var name = $"{prefix}-{suffix}";
            var variables = VapPolicyCel.Variables(VapParameters.From(policy), rules);
            expressions.AddRange(variables.Select(v => (name, v)));
            documents.Add(Policy(apiVersion, name, variables, rules, action == RuleAction.Audit));
            documents.Add(Binding(apiVersion, name, validationAction, policy.ExemptNamespaces));
        }

        VapRefusals.ThrowIfTooLong(expressions);
        return documents;
    }

    /// <summary>The action the webhook would apply: the rule's own, capped by the mode.</summary>
    public static RuleAction EffectiveAction(PolicyOptions policy, string rule) => (rule switch
    {
        RuleIds.ImageDigest => policy.ImageDigest.Action,
        RuleIds.MutableTag => policy.MutableTag.Action,
        _ => policy.HostPath.Action,
    }).Cap(policy.Mode);

    private static YamlTree.Map Policy(string apiVersion, string name, IReadOnlyList<CelVariable> variables, IReadOnlyList<string> rules, bool audit)
    {
        var spec = new YamlTree.Map()
            .Add("failurePolicy", "Fail")
            .Add("matchConstraints", new YamlTree.Map().Add("resourceRules", ResourceRules()))
            .Add("matchConditions", new List<object>
            {
                new YamlTree.Map().Add("name", CleanSpecCel.Name).Add("expression", CleanSpecCel.MatchCondition(rules)),
            })
            .Add("variables", variables
                .Select(v => (object)new YamlTree.Map().Add("name", v.Name).Add("expression", v.Expression)).ToList())
            .Add("validations", new List<object>
            {
                new YamlTree.Map()
                    .Add("expression", VapPolicyCel.Passes)
                    .Add("messageExpression", VapPolicyCel.Message)
                    .Add("message", $"pinned: {string.Join(", ", rules)}: the pod spec breaks the policy (the detailed message could not be computed)")
                    .Add("reason", "Forbidden"),
            });
        if (audit)
        {
            spec.Add("auditAnnotations", new List<object>
            {
                new YamlTree.Map().Add("key", "violations").Add("valueExpression", VapPolicyCel.AuditValue),
            });
        }

        return Object(apiVersion, "ValidatingAdmissionPolicy", name, rules).Add("spec", spec);
    }

    private static YamlTree.Map Binding(string apiVersion, string name, string validationAction, IReadOnlyList<string> exemptNamespaces)
    {
        var spec = new YamlTree.Map().Add("policyName", name).Add("validationActions", new List<object> { validationAction });
        if (exemptNamespaces.Count > 0)
        {
            var selector = new YamlTree.Map().Add("matchExpressions", new List<object>
            {
                new YamlTree.Map()
                    .Add("key", "kubernetes.io/metadata.name")
                    .Add("operator", "NotIn")
                    .Add("values", exemptNamespaces.Distinct(StringComparer.Ordinal).Cast<object>().ToList()),
            });
            spec.Add("matchResources", new YamlTree.Map().Add("namespaceSelector", selector));
        }

        return Object(apiVersion, "ValidatingAdmissionPolicyBinding", name, null).Add("spec", spec);
    }

    private static YamlTree.Map Object(string apiVersion, string kind, string name, IReadOnlyList<string>? rules)
    {
        var metadata = new YamlTree.Map().Add("name", name)
            .Add("labels", new YamlTree.Map().Add("app.kubernetes.io/managed-by", "pinned-vap"));
        if (rules is not null)
        {
            metadata.Add("annotations", new YamlTree.Map().Add("pinned.dev/rules", string.Join(",", rules)));
        }

        return new YamlTree.Map().Add("apiVersion", apiVersion).Add("kind", kind).Add("metadata", metadata);
    }

    /// <summary>CREATE and UPDATE of every kind of WorkloadKinds, grouped by API group.</summary>
    internal static List<object> ResourceRules() =>
        [.. WorkloadKinds.Served.GroupBy(k => k.ApiGroup).Select(g => (object)new YamlTree.Map()
            .Add("apiGroups", new List<object> { g.Key })
            .Add("apiVersions", new List<object> { "v1" })
            .Add("operations", new List<object> { "CREATE", "UPDATE" })
            .Add("resources", g.SelectMany(k => k.Resources).Cast<object>().ToList())
            .Add("scope", "Namespaced"))];
}
