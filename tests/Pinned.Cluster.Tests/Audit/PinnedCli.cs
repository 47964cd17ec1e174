using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit;

/// <summary>The real `pinned` executable (this build's pinned.dll) run to its end, as a user or CI runs it.</summary>
internal static class PinnedCli
{
    /// <summary>An audit of a few dozen objects takes a second or two; 120 s allows for a load average of 20.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    public static Task<CommandResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? stdin = null)
    {
        var variables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            // No kubeconfig of the machine's own may leak in: each test names its cluster.
            ["KUBECONFIG"] = environment?.GetValueOrDefault("KUBECONFIG") ?? "/nonexistent/kubeconfig",
            ["NO_COLOR"] = "1",
        };
        return ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "pinned.dll"), .. args], Budget, variables,
            stdin, TestContext.Current.CancellationToken);
    }
}
