namespace Pinned.Policy.Vap;

/// <summary>
/// Each image of a pod spec parsed in CEL as the span parser parses it: the grammar by
/// <see cref="ReferenceRegex"/>, then the same splits (digest at the first '@', tag at a last ':'
/// after the last '/', domain by splitDockerDomain) to count the name's length against the limit,
/// read the tag and build the normalised reference the exemptImages globs match. One variable per
/// stage, since CEL in Kubernetes 1.28 has no let.
/// </summary>
internal static class ReferenceCel
{
    private const string Keep = "'g': x.g, 'n': x.n, 'i': x.i";

    public static IEnumerable<CelVariable> Variables(PodCel pod)
    {
        yield return new(pod.Name("checked"),
            $"{pod.Var("images")}.map(x, {{{Keep}, 'ok': x.i.matches({Cel.Quote(ReferenceRegex.Pattern)})}})");

        // Stage 1: the digest ('@' and after) and the name part before it.
        yield return new(pod.Name("digested"),
            $"{pod.Var("checked")}.filter(x, x.ok).map(x, {{{Keep}, "
            + "'np': x.i.contains('@') ? x.i.substring(0, x.i.indexOf('@')) : x.i, "
            + "'dg': x.i.contains('@') ? x.i.substring(x.i.indexOf('@')) : ''})");

        // Stage 2: the tag (':' and after) when the last ':' comes after the last '/'.
        yield return new(pod.Name("tagged"),
            $"{pod.Var("digested")}.map(x, {{{Keep}, 'dg': x.dg, "
            + "'nm': x.np.lastIndexOf(':') > x.np.lastIndexOf('/') ? x.np.substring(0, x.np.lastIndexOf(':')) : x.np, "
            + "'tg': x.np.lastIndexOf(':') > x.np.lastIndexOf('/') ? x.np.substring(x.np.lastIndexOf(':')) : ''})");

        // Stage 3: the first component, and whether splitDockerDomain calls it a domain.
        yield return new(pod.Name("split"),
            $"{pod.Var("tagged")}.map(x, {{{Keep}, 'dg': x.dg, 'tg': x.tg, 'nm': x.nm, "
            + "'first': x.nm.contains('/') ? x.nm.substring(0, x.nm.indexOf('/')) : '', "
            + $"'dom': x.nm.contains('/') && {DomainLike("x.nm.substring(0, x.nm.indexOf('/'))")}}})");

        // Stage 4: the normalised domain and path (docker.io, library/ for an official image).
        const string Hub = ImageReferenceParser.DockerHub;
        yield return new(pod.Name("named"),
            $"{pod.Var("split")}.map(x, {{{Keep}, 'dg': x.dg, 'tg': x.tg, "
            + $"'d': x.dom && x.first != {Cel.Quote(ImageReferenceParser.LegacyDockerHub)} ? x.first : {Cel.Quote(Hub)}, "
            + "'pa': x.dom ? x.nm.substring(x.first.size() + 1) : x.nm})");

        yield return new(pod.Name("refs"),
            $"{pod.Var("named")}.map(x, {{{Keep}, 'dg': x.dg, 'tg': x.tg, 'd': x.d, "
            + $"'pp': x.d == {Cel.Quote(Hub)} && !x.pa.contains('/') ? {Cel.Quote(ImageReferenceParser.OfficialPrefix)} + x.pa : x.pa}})");
    }

    /// <summary>ReferenceGrammar.IsDomainLike in CEL.</summary>
    private static string DomainLike(string first)
    {
        var tests = ReferenceGrammar.DomainMarkerChars.Select(c => $"{first}.contains({Cel.Quote(c.ToString())})")
            .Append($"{first} == {Cel.Quote(ReferenceGrammar.Localhost)}")
            .Append($"{first}.matches('[A-Z]')")
            .Append($"{first}.startsWith({Cel.Quote(ReferenceGrammar.Ipv6Open.ToString())})");
        return "(" + string.Join(" || ", tests) + ")";
    }

    /// <summary>The counted name length of a refs entry, as ReferenceGrammar.CountedNameLength counts it.</summary>
    public static string CountedLength(string x) =>
        ReferenceGrammar.NameLengthCountsDomain ? $"(size({x}.d) + 1 + size({x}.pp))" : $"size({x}.pp)";

    public static string TooLong(string x) => $"{CountedLength(x)} > {ReferenceGrammar.NameTotalLengthMax}";

    /// <summary>The normalised reference of a refs entry: what ImageReference.ToNormalizedString gives.</summary>
    public static string Normalized(string x) => $"{x}.d + '/' + {x}.pp + {x}.tg + {x}.dg";
}
