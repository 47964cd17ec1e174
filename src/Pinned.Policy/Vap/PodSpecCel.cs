namespace Pinned.Policy.Vap;

/// <summary>
/// Where the pod spec is, as CEL: one branch per kind of <see cref="WorkloadKinds"/> (the one
/// table of SPEC.md §2), chosen by request.kind, which is what the webhook goes by too.
/// </summary>
internal static class PodSpecCel
{
    /// <summary>The pod spec of <paramref name="root"/> ("object" or "oldObject"), or null for a kind without one.</summary>
    public static string Spec(string root) => Chain(kind => root + "." + string.Join('.', kind.PodSpecPath), "null");

    /// <summary>The JSON path of the pod spec, e.g. 'spec.template.spec'.</summary>
    public static string SpecPath() => Chain(kind => Cel.Quote(string.Join('.', kind.PodSpecPath)), "''");

    private static string Chain(Func<WorkloadKind, string> branch, string otherwise)
    {
        var groups = WorkloadKinds.Served.GroupBy(k => string.Join('.', k.PodSpecPath));
        var text = otherwise;
        foreach (var group in groups.Reverse())
        {
            var test = $"request.kind.kind in {Cel.List(group.Select(k => k.Kind))}";
            text = $"{test} ? {branch(group.First())} : {text}";
        }

        return text;
    }
}
