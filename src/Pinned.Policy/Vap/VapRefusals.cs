using System.Text.RegularExpressions;

namespace Pinned.Policy.Vap;

/// <summary>What a policy file can hold that ValidatingAdmissionPolicies cannot enforce: refused, with the reason, never dropped.</summary>
internal static partial class VapRefusals
{
    public static void ThrowIfAny(PolicyOptions policy)
    {
        var reasons = new List<string>();
        if (policy.Mutation.Enabled)
        {
            reasons.Add("mutation.enabled: a ValidatingAdmissionPolicy cannot change an object, so it cannot pin images at admission; "
                + "keep the mutating webhook (pinned serve) for that and generate the policies from a policy file with mutation off");
        }

        foreach (var ns in policy.ExemptNamespaces.Where(ns => !NamespaceName().IsMatch(ns)))
        {
            reasons.Add($"exemptNamespaces: '{ns}' is not a namespace name (a DNS label), so a binding's namespaceSelector cannot name it");
        }

        reasons.AddRange(VapCost.Refusals(policy));
        if (reasons.Count > 0)
        {
            throw new VapRefusedException(string.Join(Environment.NewLine, reasons));
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamespaceName();
}
