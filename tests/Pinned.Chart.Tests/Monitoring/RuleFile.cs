using System.Text.Json;
using Pinned.Chart.Tests.Infrastructure;

namespace Pinned.Chart.Tests.Monitoring;

/// <summary>
/// The rendered PrometheusRule's spec as a Prometheus rule file (the Operator hands Prometheus
/// exactly `spec`: groups of rules). JSON is YAML, so the spec is written as it was parsed.
/// </summary>
internal static class RuleFile
{
    public static string Write(Manifest manifest, string directory)
    {
        var path = Path.Combine(directory, "pinned-rules.yaml");
        File.WriteAllText(path, manifest.Single("PrometheusRule")["spec"]!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
