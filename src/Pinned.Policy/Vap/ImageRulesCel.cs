namespace Pinned.Policy.Vap;

/// <summary>
/// image-digest and mutable-tag as CEL over <see cref="ReferenceCel"/>'s entries: each violation is
/// a key (rule, path, image: what the webhook compares on UPDATE, since an image rule's message
/// follows from its image) and, for the new object, the line a person reads, worded as the
/// webhook words it.
/// </summary>
internal static class ImageRulesCel
{
    private const string DigestFix = "write a valid reference pinned by digest, e.g. registry.example.com/app@sha256:<64 hex digits>";

    public static string ImageDigest(PodCel pod, VapParameters parameters)
    {
        var invalid = $"{pod.Var("checked")}.filter(x, !x.ok)";
        var tooLong = $"{pod.Var("refs")}.filter(x, {ReferenceCel.TooLong("x")})";
        var unpinned = $"{pod.Var("refs")}.filter(x, !({ReferenceCel.TooLong("x")}) && x.dg == '' && !({parameters.ImageDigestExempt}))";
        return pod.IsOld
            ? $"({invalid} + {tooLong} + {unpinned}).map(x, {Key(pod, RuleIds.ImageDigest)})"
            : $"{invalid}.map(x, {Entry(pod, RuleIds.ImageDigest, "'is not a valid reference: it does not follow the reference grammar'", DigestFix)})"
              + $" + {tooLong}.map(x, {Entry(pod, RuleIds.ImageDigest,
                  $"'is not a valid reference: the repository name is ' + string({ReferenceCel.CountedLength("x")}) + ' characters long; at most {ReferenceGrammar.NameTotalLengthMax} are allowed'", DigestFix)})"
              + $" + {unpinned}.map(x, {Entry(pod, RuleIds.ImageDigest, "'is not pinned by digest, so the registry can change what it runs'",
                  "'pin it with \\'pinned pin\\', or write ' + " + Cel.Shown("x.i") + " + '@sha256:<digest>'", fixIsExpression: true)})";
    }

    public static string MutableTag(PodCel pod, VapParameters parameters)
    {
        var mutable = $"{pod.Var("refs")}.filter(x, !({ReferenceCel.TooLong("x")}) && x.dg == '' "
            + $"&& (x.tg == '' || x.tg.substring(1).lowerAscii() in {parameters.MutableTags}) && !({parameters.MutableTagExempt}))";
        const string Fix = "pin the image by digest (pinned pin), or at least use a version tag";
        return pod.IsOld
            ? $"{mutable}.map(x, {Key(pod, RuleIds.MutableTag)})"
            : $"{mutable}.map(x, {Entry(pod, RuleIds.MutableTag,
                "(x.tg == '' ? 'has no tag, so it runs whatever \\'latest\\' points to' : 'uses the mutable tag \\'' + x.tg.substring(1) + '\\'')", Fix)})";
    }

    private static string ImagePath(PodCel pod) => pod.PathOf("x.g", "x.n", "(x.g == 'volumes' ? '.image.reference' : '.image')");

    private static string Key(PodCel pod, string rule) => $"'{rule}|' + {ImagePath(pod)} + '|' + x.i";

    private static string Entry(PodCel pod, string rule, string message, string fix, bool fixIsExpression = false) =>
        $"{{'k': {Key(pod, rule)}, 'l': '[{rule}] ' + {ImagePath(pod)} + ': image \\'' + {Cel.Shown("x.i")} + '\\' ' + {message} + ' — ' + {(fixIsExpression ? fix : Cel.Quote(fix))}}}";
}
