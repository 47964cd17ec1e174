using System.Collections.Concurrent;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>Renders deploy/overlays/* with `kubectl kustomize` (kustomize is built into kubectl).</summary>
internal static class KustomizeRenderer
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<Manifest>>> Cache = new();

    public static Task<Manifest> RenderAsync(string overlay) =>
        Cache.GetOrAdd(overlay, o => new Lazy<Task<Manifest>>(() => RenderFreshAsync(o))).Value;

    private static async Task<Manifest> RenderFreshAsync(string overlay)
    {
        var kubectl = ProcessRunner.FindOnPath("kubectl")
            ?? throw new InvalidOperationException("kubectl is not on the PATH: cannot render deploy/ with kustomize");
        var result = await ProcessRunner.RunAsync(kubectl, ["kustomize", Path.Combine(RepoLayout.Deploy, overlay)]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe($"kubectl kustomize {overlay}"));
        }

        return Manifest.Parse(result.StandardOutput);
    }
}
