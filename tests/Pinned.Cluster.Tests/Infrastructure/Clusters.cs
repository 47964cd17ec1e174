namespace Pinned.Cluster.Tests.Infrastructure;

/// <summary>The plain API server: AlwaysAllow authorization, default admission plugins.</summary>
public sealed class PlainApiServer : KubeApiServer;

/// <summary>RBAC on, for tests that act with only the chart's ClusterRole (ServiceAccount tokens).</summary>
public sealed class RbacApiServer : KubeApiServer
{
    protected override string AuthorizationMode => "RBAC";
}

/// <summary>
/// ValidatingAdmissionPolicy on (beta in 1.28: feature gate and the v1beta1 API), with an audit log
/// of pod requests at Metadata level, where the API server writes a VAP's audit annotations. The
/// audit folder is in the run folder and deleted with etcd's data.
/// </summary>
public sealed class VapApiServer : KubeApiServer
{
    private const string AuditFolder = "audit";

    public string AuditLogPath => Path.Combine(RunDirectory, AuditFolder, "audit.log");

    protected override IEnumerable<string> BulkFolders => [AuditFolder];

    protected override string ExtraArgs
    {
        get
        {
            var folder = Directory.CreateDirectory(Path.Combine(RunDirectory, AuditFolder)).FullName;
            var policy = Path.Combine(folder, "policy.yaml");
            File.WriteAllText(policy, """
                apiVersion: audit.k8s.io/v1
                kind: Policy
                omitStages: [RequestReceived]
                rules:
                - level: Metadata
                  resources: [{ group: "", resources: [pods] }]
                - level: None
                """);
            return "--feature-gates=ValidatingAdmissionPolicy=true --runtime-config=admissionregistration.k8s.io/v1beta1=true"
                + $" --audit-policy-file={policy} --audit-log-path={AuditLogPath}";
        }
    }
}
