namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>Resource names the chart derives from the release and the values.</summary>
internal static class ChartNames
{
    public static string Fullname(string valueSet)
    {
        var values = ValueSets.Values(valueSet);
        if ((string?)values["fullnameOverride"] is { Length: > 0 } full)
        {
            return full;
        }

        var name = (string?)values["nameOverride"] is { Length: > 0 } n ? n : "pinned";
        return ChartRenderer.Release.Contains(name, StringComparison.Ordinal) ? ChartRenderer.Release : $"{ChartRenderer.Release}-{name}";
    }
}
