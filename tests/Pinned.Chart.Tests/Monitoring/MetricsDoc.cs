using System.Text.RegularExpressions;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests.Monitoring;

/// <summary>The table of docs/metrics.md: every metric Pinned exports, and the dashboard panel that shows it or "not shown".</summary>
internal static partial class MetricsDoc
{
    public const string NotShown = "not shown";

    /// <summary>The marker of the metrics that exist only once the background audit has completed a round.</summary>
    public const string AfterFirstRound = "(after the first audit round)";

    public static string Path => System.IO.Path.Combine(RepoLayout.Root, "docs", "metrics.md");

    public static IReadOnlyList<Row> Rows() =>
        [.. TableRow().Matches(File.ReadAllText(Path)).Select(m => new Row(m.Groups["name"].Value, m.Groups["type"].Value, m.Groups["what"].Value, m.Groups["panel"].Value.Trim()))];

    internal sealed record Row(string Metric, string Type, string What, string Panel);

    [GeneratedRegex(@"^\| `(?<name>[a-z_:][a-z0-9_:]*)` \| (?<type>[a-z]+) \|[^|]*\| (?<what>[^|]*) \| (?<panel>[^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
