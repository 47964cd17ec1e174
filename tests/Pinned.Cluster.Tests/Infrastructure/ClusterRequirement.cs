namespace Pinned.Cluster.Tests.Infrastructure;

/// <summary>
/// What a cluster test needs and where it is found. Outside CI a missing piece skips the test with
/// one line saying how to provide it; under <c>CI=true</c> it fails, so CI can never pass by skipping.
/// </summary>
internal static class ClusterRequirement
{
    public const string HowToProvide =
        "needs a kube-apiserver: ../shared/tools/k8s beside the repository (or PINNED_SHARED), or PINNED_KUBE_UP=path/to/kube-up.sh "
        + "with PINNED_KUBE_APISERVER=path/to/kube-apiserver, and etcd (apt-get install etcd-server)";

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>kube-up.sh and the API server binary, or why they are not there.</summary>
    public static (string KubeUp, string ApiServer)? Locate(out string? missing)
    {
        var kubeUp = Environment.GetEnvironmentVariable("PINNED_KUBE_UP") is { Length: > 0 } configured
            ? configured
            : SharedToolsK8s() is { } k8s ? Path.Combine(k8s, "kube-up.sh") : null;
        var apiServer = Environment.GetEnvironmentVariable("PINNED_KUBE_APISERVER") is { Length: > 0 } binary
            ? binary
            : kubeUp is null ? null : Path.Combine(Path.GetDirectoryName(kubeUp)!, "bin", "kube-apiserver");
        const string Etcd = "/usr/bin/etcd";
        missing = kubeUp is null || !File.Exists(kubeUp) ? "kube-up.sh not found"
            : apiServer is null || !File.Exists(apiServer) ? $"{apiServer ?? "kube-apiserver"} not found"
            : !File.Exists(Environment.GetEnvironmentVariable("ETCD_BIN") ?? Etcd) ? $"{Etcd} not found"
            : null;
        return missing is null ? (kubeUp!, apiServer!) : null;
    }

    /// <summary>Skips (outside CI) or fails (in CI) the running test: <paramref name="missing"/> is what is absent.</summary>
    public static void Unmet(string missing)
    {
        var message = $"{missing}; this test {HowToProvide}";
        if (InCi)
        {
            Assert.Fail("CI=true, so a missing piece is a failure: " + message);
        }

        Assert.Skip(message);
    }

    private static string? SharedToolsK8s()
    {
        if (Environment.GetEnvironmentVariable("PINNED_SHARED") is { Length: > 0 } shared)
        {
            return Path.Combine(shared, "tools", "k8s");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "tools", "k8s");
            if (File.Exists(Path.Combine(candidate, "kube-up.sh")))
            {
                return candidate;
            }
        }

        return null;
    }
}
