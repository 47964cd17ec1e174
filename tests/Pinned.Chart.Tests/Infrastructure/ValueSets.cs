namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>The chart's defaults plus every charts/pinned/ci/*-values.yaml, found on disk.</summary>
internal static class ValueSets
{
    public const string Defaults = "defaults";

    public static IEnumerable<string> CiFiles =>
        Directory.GetFiles(Path.Combine(RepoLayout.Chart, "ci"), "*-values.yaml")
            .Select(f => "ci/" + Path.GetFileName(f))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> All => CiFiles.Prepend(Defaults);

    public static Task<Manifest> RenderAsync(string valueSet) =>
        valueSet == Defaults ? ChartRenderer.RenderAsync() : ChartRenderer.RenderAsync(valueSet);

    /// <summary>The merged values of a set, as Helm sees them (defaults, then the file).</summary>
    public static System.Text.Json.Nodes.JsonObject Values(string valueSet)
    {
        var values = YamlJson.ParseFile(Path.Combine(RepoLayout.Chart, "values.yaml"));
        return valueSet == Defaults
            ? values
            : ValuesMerge.Merge(values, YamlJson.ParseFile(Path.Combine(RepoLayout.Chart, valueSet)));
    }
}
