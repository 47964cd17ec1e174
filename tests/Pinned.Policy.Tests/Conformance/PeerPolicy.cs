using System.Text.Json.Nodes;

namespace Pinned.Policy.Tests.Conformance;

/// <summary>
/// Pinned's policy for one conformance case: the case's rule enforced, the other two disabled,
/// and the peer's parameters where Pinned's policy can express them. Not expressible, so left
/// out: Kubewarden's registries.allow, and the volume-type allow-lists of Gatekeeper's volumes
/// and Kubewarden's volumes-psp-policy (neither allows hostPath, which is what an empty
/// allowedHostPaths already says).
/// </summary>
internal static class PeerPolicy
{
    public static PolicyOptions For(ConformanceCase c)
    {
        var rules = new JsonObject();
        foreach (var rule in RuleIds.All)
        {
            rules[rule] = new JsonObject { ["action"] = rule == c.Rule ? "enforce" : "disabled" };
        }

        var own = rules[c.Rule]!.AsObject();
        var p = c.PeerParams;
        if (c.Rule == RuleIds.MutableTag && (p?["tags"] is JsonArray || p?["tags"]?["reject"] is JsonArray))
        {
            own["mutableTags"] = (p!["tags"] as JsonArray ?? p["tags"]!["reject"]!.AsArray()).DeepClone();
        }

        if (p?["exemptImages"] is JsonArray exempt && c.Rule != RuleIds.HostPath)
        {
            own["exemptImages"] = exempt.DeepClone();
        }

        if (c.Rule == RuleIds.HostPath && p?["allowedHostPaths"] is JsonArray allowed)
        {
            own["allowedHostPaths"] = allowed.DeepClone();
        }

        // The policy file loader reads JSON too: the test goes through it like `--config` would.
        return PolicyLoader.Parse(new JsonObject { ["rules"] = rules }.ToJsonString(), $"conformance case {c.Index}");
    }
}
