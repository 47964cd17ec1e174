using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit.Reports;

/// <summary>The wgpolicyk8s.io CRDs of ../shared/crds, applied as their README says (server-side) and waited for until served.</summary>
internal static class ReportCrds
{
    public static async Task InstallAsync(KubeApiServer server)
    {
        if (Folder() is not { } folder)
        {
            ClusterRequirement.Unmet("../shared/crds/wgpolicyk8s.io not found (PINNED_SHARED, or shared/ beside the repository)");
            return;
        }

        await server.KubectlOkAsync("apply", "--server-side", "-f", folder);
        await server.KubectlOkAsync("wait", "--for", "condition=Established", "--timeout", "120s",
            "crd/policyreports.wgpolicyk8s.io", "crd/clusterpolicyreports.wgpolicyk8s.io");
    }

    private static string? Folder()
    {
        if (Environment.GetEnvironmentVariable("PINNED_SHARED") is { Length: > 0 } shared)
        {
            return Existing(Path.Combine(shared, "crds", "wgpolicyk8s.io"));
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Existing(Path.Combine(dir.FullName, "shared", "crds", "wgpolicyk8s.io")) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string? Existing(string folder) => File.Exists(Path.Combine(folder, "wgpolicyk8s.io_policyreports.yaml")) ? folder : null;
}
