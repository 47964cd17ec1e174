using System.Globalization;

namespace Pinned.Policy.Vap;

/// <summary>
/// The policy's matchCondition: a cheap test that the pod spec cannot break any of the policy's
/// rules, so that the API server skips the policy for it. kube-apiserver 1.28 plans every CEL
/// expression it evaluates anew on each request (compiling its regex constants), and evaluates
/// the validations, their messageExpressions and the audit annotations each on its own copy of
/// the object with its own variables, whatever the verdict: a policy that is evaluated costs
/// what all of that weighs. A spec is skipped when every image is a plainly spelled reference
/// pinned by sha256 (<see cref="PlainPinned"/>) and no volume is an image or hostPath volume;
/// any other spec is judged by the rules alone. A skipped spec is one the rules find nothing in.
/// </summary>
internal static class CleanSpecCel
{
    public const string Name = "spec-may-break-a-rule";

    /// <summary>
    /// A subset of <see cref="ReferenceRegex.Pattern"/>: lower-case components with single
    /// separators (the first, before a '/', also a valid domain without a port), an optional tag,
    /// and a sha256 digest whose length <see cref="MatchCondition"/> checks.
    /// </summary>
    public const string PlainPinned =
        "\\A[a-z0-9]+(?:[.-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[0-9A-Za-z_][0-9A-Za-z_.-]*)?@sha256:[0-9a-f]+\\z";

    /// <summary>
    /// At most this long, a <see cref="PlainPinned"/> reference has a tag of at most 126 characters
    /// (the grammar allows 128) and a name far below the 255-character limit.
    /// </summary>
    public const int MaxLength = 200;

    /// <summary>'@sha256:' and 64 hex digits.</summary>
    public const int DigestLength = 72;

    /// <summary>True unless the spec is plainly clean for <paramref name="rules"/> (a spec-less kind is clean).</summary>
    public static string MatchCondition(IReadOnlyList<string> rules) =>
        MatchCondition(rules.Contains(RuleIds.ImageDigest) || rules.Contains(RuleIds.MutableTag), rules.Contains(RuleIds.HostPath));

    /// <summary>The same for a policy with image rules, the host-path rule, or both.</summary>
    public static string MatchCondition(bool images, bool hostPaths)
    {
        // The spec bound once (CEL in 1.28 has no let), so that request.kind is tested once.
        const string S = "s";
        var tests = new List<string>();
        if (images)
        {
            // One list of all containers, so that the pattern is one constant (compiled once per request).
            var containers = string.Join(" + ", Enum.GetValues<ContainerGroup>().Select(g => Cel.ListOrEmpty(S, g.FieldName())));
            tests.Add(string.Create(CultureInfo.InvariantCulture,
                $"({containers}).all(c, has(c.image) && size(c.image) <= {MaxLength} && c.image.matches({Cel.Quote(PlainPinned)}) && size(c.image) - c.image.indexOf('@') == {DigestLength})"));
        }

        var volume = new List<string>();
        if (images)
        {
            volume.Add("!has(v.image)");
        }

        if (hostPaths)
        {
            volume.Add("!has(v.hostPath)");
        }

        if (volume.Count > 0)
        {
            tests.Add($"(!has({S}.volumes) || {S}.volumes.all(v, {string.Join(" && ", volume)}))");
        }

        return tests.Count == 0 ? "true" : $"![{PodSpecCel.Spec("object")}].all({S}, {S} == null || ({string.Join(" && ", tests)}))";
    }
}
