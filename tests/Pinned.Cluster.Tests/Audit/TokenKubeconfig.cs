using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit;

/// <summary>A kubeconfig that acts as one ServiceAccount: its token, the API server's CA, nothing of the admin's.</summary>
internal static class TokenKubeconfig
{
    public static async Task<string> WriteAsync(KubeApiServer server, string ns, string serviceAccount)
    {
        var token = (await server.KubectlOkAsync("-n", ns, "create", "token", serviceAccount)).Trim();
        var path = Path.Combine(server.RunDirectory, $"{ns}-{serviceAccount}.kubeconfig");
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster: {"{"}server: "{server.Url}", certificate-authority: "{server.CaFile}"{"}"}
            users:
            - name: {serviceAccount}
              user: {"{"}token: "{token}"{"}"}
            contexts:
            - name: test
              context: {"{"}cluster: test, user: {serviceAccount}{"}"}
            current-context: test
            """, TestContext.Current.CancellationToken);
        return path;
    }
}
