using System.Text.Json;
using System.Text.RegularExpressions;
using Pinned.Policy;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>
/// Pinned must pass its own policy: every rendered workload, judged by the real engine with the
/// strictest settings (SPEC.md §5 defaults: all three rules enforce), plus a plain check that
/// every image carries a sha256 digest, independent of the engine.
/// </summary>
internal static partial class OwnPolicy
{
    private static readonly PolicyEvaluator Strict = new(PolicyOptions.Default);

    /// <summary>One line per violation or unpinned image; empty when everything passes.</summary>
    public static IReadOnlyList<string> Violations(Manifest manifest)
    {
        var problems = new List<string>();
        foreach (var obj in manifest.Objects)
        {
            using var document = JsonDocument.Parse(obj.Node.ToJsonString());
            var workload = WorkloadDecoder.Decode(document.RootElement);
            if (workload.PodSpec is not { } pod)
            {
                continue;
            }

            problems.AddRange(Strict.Evaluate(pod).Violations.Select(v => $"{obj}: {v}"));
            problems.AddRange(pod.Containers
                .Where(c => c.Image is null || !Sha256Pinned().IsMatch(c.Image))
                .Select(c => $"{obj}: image '{c.Image}' is not pinned by sha256 digest"));
            problems.AddRange(pod.Volumes.Where(v => v.IsHostPath).Select(v => $"{obj}: hostPath volume {v.Name}"));
        }

        return problems;
    }

    /// <summary>Every workload kind the engine judges that the manifest holds.</summary>
    public static int WorkloadCount(Manifest manifest) =>
        manifest.Objects.Count(o => WorkloadKinds.PodSpecPath(o.Kind) is not null);

    [GeneratedRegex("@sha256:[a-f0-9]{64}$")]
    private static partial Regex Sha256Pinned();
}
