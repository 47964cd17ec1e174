using System.Globalization;
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

    /// <summary>
    /// kube-apiserver refuses to compile a CEL expression of more code points than this ("expression
    /// code point size exceeds limit"), so a policy holding one would be refused on apply, or leave
    /// the previous version enforcing. Checked against the real API server (VapActionTests).
    /// </summary>
    public const int ExpressionCodePointLimit = 100_000;

    /// <summary>Every expression of the generated policies, within the API server's limit; otherwise refused with where and why.</summary>
    public static void ThrowIfTooLong(IEnumerable<(string Policy, CelVariable Variable)> expressions)
    {
        var reasons = expressions
            .Select(e => (e.Policy, e.Variable.Name, Length: e.Variable.Expression.EnumerateRunes().Count()))
            .Where(e => e.Length > ExpressionCodePointLimit)
            .Select(e => string.Create(CultureInfo.InvariantCulture,
                $"{e.Policy}: variables.{e.Name} would be {e.Length:N0} code points of CEL, and the API server compiles at most {ExpressionCodePointLimit:N0}; ")
                + "each exemptImages glob and allowedHostPaths entry is written into it, so use fewer or broader ones (one '**' glob covers a whole registry or repository path)")
            .ToList();
        if (reasons.Count > 0)
        {
            throw new VapRefusedException(string.Join(Environment.NewLine, reasons));
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamespaceName();
}
