namespace Pinned.Policy.Vap;

/// <summary>
/// host-path in CEL, as <see cref="HostPathMatcher"/> and <see cref="HostPathRule"/> decide: the
/// host path normalised (duplicate and trailing slashes dropped, never matching when relative or
/// with a '.' or '..' segment), the allowedHostPaths entries normalised at generation time and
/// tried longest first (so the longest matching prefix decides), whole segments only, and for a
/// read-only entry the first writable mount in any container kind named in the message.
/// </summary>
internal static class HostPathCel
{
    private const string NotAllowedFix = "ship what the container needs in its image, or use a configMap, secret, emptyDir or persistentVolumeClaim";
    private const string ReadOnlyFix = "set readOnly: true on every volumeMount of this volume";

    /// <summary>The field of a hostJudged entry holding its normalised host path ('' when it can never match).</summary>
    public const string NormalizedField = "x.norm";

    public static IEnumerable<CelVariable> Variables(PodCel pod, VapParameters parameters)
    {
        // HostPathMatcher.Normalize: '' stands for its null (never matches).
        const string Normalized = "x.hp.startsWith('/') && !x.hp.split('/').exists(s, s == '.' || s == '..') "
            + "? '/' + x.hp.split('/').filter(s, s != '').join('/') : ''";
        yield return new(pod.Name("hostJudged"),
            $"{pod.Var("hostVolumes")}.map(x, {{'n': x.n, 'hp': x.hp, 'norm': {Normalized}}})"
            + $".map(x, {{'n': x.n, 'hp': x.hp, 'allow': {parameters.HostPathDecision}}})");
        var writers = $"{pod.Var("containers")}.filter(c, {Cel.ListOrEmpty("c.c", "volumeMounts")}"
            + ".exists(m, has(m.name) && m.name == x.n && !(has(m.readOnly) && m.readOnly == true)))";
        yield return new(pod.Name("hostWriters"),
            $"{pod.Var("hostJudged")}.filter(x, x.allow == 2).map(x, {{'n': x.n, 'hp': x.hp, 'w': {writers}}}).filter(x, x.w.size() > 0)"
            + $".map(x, {{'n': x.n, 'hp': x.hp, 'w': x.w[0].g + '[' + string({pod.Var("spec")}[x.w[0].g].map(e, {Cel.FieldOr("e", "name", "''")}).indexOf(x.w[0].n)) + '] (\\'' + x.w[0].n + '\\')'}})");
    }

    public static string HostPath(PodCel pod)
    {
        var path = pod.PathOf("'volumes'", "x.n", "''");
        var refused = $"{pod.Var("hostJudged")}.filter(x, x.allow == 0)";
        var writable = pod.Var("hostWriters");
        string Message(bool readOnly, bool shown)
        {
            string Text(string e) => shown ? Cel.Shown(e) : e;
            var head = $"'volume \\'' + {Text("x.n")} + '\\' mounts host path \\'' + {Text("x.hp")} + '\\', '";
            return readOnly
                ? $"{head} + 'allowed only read-only, but ' + {Text("x.w")} + ' mounts it writable'"
                : $"{head} + 'which no allowedHostPaths entry permits'";
        }

        string Key(bool readOnly) => $"'{RuleIds.HostPath}|' + {path} + '|' + {Message(readOnly, shown: false)}";
        string Entry(bool readOnly) =>
            $"{{'k': {Key(readOnly)}, 'l': '[{RuleIds.HostPath}] ' + {path} + ': ' + {Message(readOnly, shown: true)} + ' — ' + {Cel.Quote(readOnly ? ReadOnlyFix : NotAllowedFix)}}}";
        return pod.IsOld
            ? $"{refused}.map(x, {Key(false)}) + {writable}.map(x, {Key(true)})"
            : $"{refused}.map(x, {Entry(false)}) + {writable}.map(x, {Entry(true)})";
    }
}
