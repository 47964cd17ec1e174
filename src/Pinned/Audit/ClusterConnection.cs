using k8s;
using k8s.Exceptions;

namespace Pinned.Audit;

/// <summary>
/// Finds the cluster as kubectl does: <c>--kubeconfig</c>, else the files of <c>KUBECONFIG</c>
/// (merged, as kubectl merges them), else <c>~/.kube/config</c>, else the in-cluster service
/// account; <c>--context</c> picks a context of the kubeconfig. Throws
/// <see cref="ClusterConnectionException"/> with a message a person can act on.
/// </summary>
internal static class ClusterConnection
{
    /// <summary>The process environment (or a test's) as <see cref="Open"/> reads it.</summary>
    public static Dictionary<string, string?> Variables(System.Collections.IDictionary environment)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in environment)
        {
            variables[(string)entry.Key] = entry.Value as string;
        }

        return variables;
    }

    public static KubeApi Open(string? kubeconfig, string? context, IReadOnlyDictionary<string, string?> environment) =>
        new(OpenClient(kubeconfig, context, environment));

    /// <summary>The KubernetesClient client itself, for what the audit writes (Leases, PolicyReports).</summary>
    public static Kubernetes OpenClient(string? kubeconfig, string? context, IReadOnlyDictionary<string, string?> environment)
    {
        var configuration = Configure(kubeconfig, context, environment);
        try
        {
            return new Kubernetes(configuration);
        }
        catch (Exception e) when (e is KubeConfigException or FormatException or IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new ClusterConnectionException($"cannot use the cluster's credentials: {e.Message}", e);
        }
    }

    private static KubernetesClientConfiguration Configure(string? kubeconfig, string? context, IReadOnlyDictionary<string, string?> environment)
    {
        var files = kubeconfig is not null ? [kubeconfig] : DefaultFiles(environment);
        try
        {
            if (files.Count > 0)
            {
                var missing = files.Where(f => !File.Exists(f)).ToList();
                if (kubeconfig is not null && missing.Count > 0)
                {
                    throw new ClusterConnectionException($"kubeconfig {kubeconfig} not found");
                }

                var present = files.Except(missing).ToList();
                if (present.Count > 0)
                {
                    return FromFiles(present, context);
                }
            }

            if (context is null && KubernetesClientConfiguration.IsInCluster())
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException or ArgumentException)
        {
            throw new ClusterConnectionException($"cannot read the kubeconfig ({string.Join(", ", files)}): {e.Message}", e);
        }

        throw new ClusterConnectionException(files.Count > 0
            ? $"no kubeconfig found at {string.Join(", ", files)}, and not running in a cluster"
            : "no kubeconfig (KUBECONFIG, ~/.kube/config or --kubeconfig), and not running in a cluster");
    }

    /// <summary>
    /// One file: its current context or <paramref name="context"/>. Several (KUBECONFIG=a:b):
    /// KubernetesClient merges them as kubectl does for the current context (its merge takes no
    /// context name), and a named context is taken from the first file that defines it.
    /// </summary>
    private static KubernetesClientConfiguration FromFiles(List<string> files, string? context)
    {
        if (files.Count == 1)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(new FileInfo(files[0]), context);
        }

        if (context is null)
        {
            return KubernetesClientConfiguration.BuildDefaultConfig();
        }

        foreach (var file in files)
        {
            var config = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(file));
            if (config.Contexts?.Any(c => c.Name == context) == true)
            {
                return KubernetesClientConfiguration.BuildConfigFromConfigObject(config, context);
            }
        }

        throw new ClusterConnectionException($"context {context} is in none of {string.Join(", ", files)}");
    }

    private static List<string> DefaultFiles(IReadOnlyDictionary<string, string?> environment)
    {
        if (environment.GetValueOrDefault("KUBECONFIG") is { Length: > 0 } list)
        {
            return [.. list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
        }

        var home = environment.GetValueOrDefault("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length == 0 ? [] : [Path.Combine(home, ".kube", "config")];
    }
}
