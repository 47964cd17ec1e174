using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pinned.Chart.Tests.Monitoring;

/// <summary>
/// The chart's Grafana dashboard: its panels' queries and the metrics they read (also compiled
/// into Pinned.Cluster.Tests).
/// </summary>
internal sealed partial class Dashboard(JsonObject json)
{
    public JsonObject Json { get; } = json;

    /// <summary>Every query target of every panel (rows included), with its panel's title.</summary>
    public IReadOnlyList<(string Panel, string Expression)> Queries =>
        [.. Panels(Json["panels"]!.AsArray())
            .SelectMany(p => (p["targets"]?.AsArray() ?? []).Select(t => ((string)p["title"]!, (string)t!["expr"]!)))];

    public IReadOnlySet<string> PanelTitles => Panels(Json["panels"]!.AsArray()).Where(p => (string?)p["type"] != "row").Select(p => (string)p["title"]!).ToHashSet();

    /// <summary>
    /// The metric families the queries read: every identifier followed by a selector (`name{`),
    /// a histogram's `_bucket`/`_sum`/`_count` series counted as its family.
    /// </summary>
    public IReadOnlySet<string> Metrics(IReadOnlySet<string> histogramFamilies) =>
        Queries.SelectMany(q => Metrics(histogramFamilies, q.Expression)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The metric families one expression reads.</summary>
    public static IReadOnlySet<string> Metrics(IReadOnlySet<string> histogramFamilies, string expression) =>
        Selector().Matches(expression).Select(m => m.Groups["name"].Value)
            .Select(name => HistogramSuffix().Replace(name, "") is var family && histogramFamilies.Contains(family) ? family : name)
            .ToHashSet(StringComparer.Ordinal);

    public static Dashboard Parse(string json) => new(JsonNode.Parse(json)!.AsObject());

    /// <summary>
    /// The query as Grafana sends it, for a dashboard showing everything of the last few minutes:
    /// every namespace, rates over 30 s (four scrapes of the test's 1 s interval and more), ranges of 10 min.
    /// </summary>
    public static string Resolve(string expression) =>
        expression.Replace("$__rate_interval", "30s", StringComparison.Ordinal)
            .Replace("$__range", "10m", StringComparison.Ordinal)
            .Replace("$namespace", ".*", StringComparison.Ordinal);

    private static IEnumerable<JsonNode> Panels(JsonArray panels) =>
        panels.SelectMany(p => (p!["panels"]?.AsArray() is { } nested ? Panels(nested) : []).Prepend(p!));

    [GeneratedRegex(@"(?<![A-Za-z0-9_:$])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{")]
    private static partial Regex Selector();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
