using System.Collections;
using Pinned.Policy;

namespace Pinned.Serve;

/// <summary>
/// Policy keys from PINNED_-prefixed environment variables, "__" standing for ":" as in .NET
/// configuration: PINNED_MODE=audit, PINNED_RULES__MUTABLE-TAG__ACTION=warn,
/// PINNED_EXEMPTNAMESPACES__0=tools, PINNED_AUDIT__INTERVAL=5m. Rule ids may use "_" for "-" (shells reject "-" in names).
/// Only variables under a policy root are read, so unrelated PINNED_* variables (a CI's
/// PINNED_SHARED, say) are not mistaken for policy keys; a typo below a root is still an error.
/// </summary>
internal static class EnvironmentOverrides
{
    public const string Prefix = "PINNED_";

    private static readonly string[] ScalarRoots = ["mode", "exemptNamespaces"];
    private static readonly string[] MapRoots = ["rules", "registry", "mutation", "audit"];

    /// <summary>The policy file's key names, so that PINNED_RULES__MUTABLE_TAG__ACTION reports as rules.mutable-tag.action.</summary>
    private static readonly string[] KnownKeys =
    [
        .. ScalarRoots, .. MapRoots, .. RuleIds.All, "action", "exemptImages", "mutableTags", "allowedHostPaths", "pathPrefix",
        "readOnly", "insecure", "caFile", "dockerConfig", "timeout", "cacheTtl", "enabled",
        "interval", "jitter", "reports", "leaseDuration", "metricNamespaces",
    ];

    public static IReadOnlyList<KeyValuePair<string, string?>> Read(IDictionary environment)
    {
        var result = new List<KeyValuePair<string, string?>>();
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var segments = name[Prefix.Length..].Split("__");
            bool isRoot = ScalarRoots.Contains(segments[0], StringComparer.OrdinalIgnoreCase)
                || (segments.Length > 1 && MapRoots.Contains(segments[0], StringComparer.OrdinalIgnoreCase));
            if (!isRoot)
            {
                continue;
            }

            for (int i = 0; i < segments.Length; i++)
            {
                segments[i] = Canonical(segments[i]);
            }

            result.Add(new(string.Join(':', segments), entry.Value as string));
        }

        // Environment order is unspecified; sort so that list items and errors come out stable.
        result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }

    private static string Canonical(string segment)
    {
        var dashed = segment.Replace('_', '-');
        return KnownKeys.FirstOrDefault(k => k.Equals(segment, StringComparison.OrdinalIgnoreCase) || k.Equals(dashed, StringComparison.OrdinalIgnoreCase))
            ?? segment;
    }
}
