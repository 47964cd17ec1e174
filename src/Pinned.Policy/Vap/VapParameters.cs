using System.Globalization;

namespace Pinned.Policy.Vap;

/// <summary>
/// The parts of the generated CEL that depend on the policy file's values; everything else is
/// fixed by the grammar and the kinds. Each is an expression over the entry <c>x</c> of the list
/// it filters. The chart builds the same four from its values (templates/_vap.tpl), and
/// <see cref="Placeholders"/> marks where they go in the fragments it is given
/// (<see cref="VapChartFragments"/>).
/// </summary>
public sealed record VapParameters(string ImageDigestExempt, string MutableTagExempt, string MutableTags, string HostPathDecision)
{
    public static VapParameters Placeholders { get; } = new(
        "__PINNED_IMAGE_DIGEST_EXEMPT__", "__PINNED_MUTABLE_TAG_EXEMPT__", "__PINNED_MUTABLE_TAGS__", "__PINNED_HOST_PATH_DECISION__");

    public static VapParameters From(PolicyOptions policy) => new(
        Exempt(policy.ImageDigest.ExemptImages),
        Exempt(policy.MutableTag.ExemptImages),
        Cel.List(MutableTagSet(policy.MutableTag.MutableTags)),
        Decide(policy.HostPath.AllowedHostPaths, HostPathCel.NormalizedField));

    /// <summary>
    /// The ASCII spellings that match each configured tag under OrdinalIgnoreCase, lower-cased
    /// (tags are ASCII, so a character whose upper case is not ASCII can never match): the CEL
    /// side lower-cases the tag with lowerAscii() and looks it up.
    /// </summary>
    internal static IEnumerable<string> MutableTagSet(IEnumerable<string> configured)
    {
        foreach (var tag in configured)
        {
            var chars = new char[tag.Length];
            bool possible = true;
            for (int i = 0; i < tag.Length && possible; i++)
            {
                var upper = char.ToUpperInvariant(tag[i]);
                possible = char.IsAscii(upper);
                chars[i] = char.ToLowerInvariant(upper);
            }

            if (possible)
            {
                yield return new string(chars);
            }
        }
    }

    /// <summary>
    /// 0: no entry permits; 1: allowed; 2: allowed only if every mount is read-only. The entries
    /// normalised, the first of equal prefixes kept, tried longest first (so the longest matching
    /// prefix decides, as <see cref="HostPathMatcher"/> does).
    /// </summary>
    internal static string Decide(IReadOnlyList<AllowedHostPath> allowed, string normalized)
    {
        var entries = allowed
            .Select(a => (Prefix: HostPathMatcher.Normalize(a.PathPrefix), a.ReadOnly))
            .Where(e => !string.IsNullOrEmpty(e.Prefix))
            .DistinctBy(e => e.Prefix)
            .OrderByDescending(e => e.Prefix!.Length);
        var tests = string.Concat(entries.Select(e =>
        {
            var covers = e.Prefix == "/"
                ? "true"
                : $"({normalized} == {Cel.Quote(e.Prefix!)} || {normalized}.startsWith({Cel.Quote(e.Prefix + "/")}))";
            return $"{covers} ? {(e.ReadOnly ? 2 : 1).ToString(CultureInfo.InvariantCulture)} : ";
        }));
        return $"{normalized} == '' ? 0 : ({tests}0)";
    }

    private static string Exempt(IReadOnlyList<string> globs) => globs.Count == 0
        ? "false"
        : string.Join(" || ", globs.Select(g => $"({ReferenceCel.Normalized("x")}).matches({Cel.Quote(GlobRegex.For(ImageGlob.Create(g)))})"));
}
