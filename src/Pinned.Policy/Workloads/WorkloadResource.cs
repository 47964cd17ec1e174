namespace Pinned.Policy;

/// <summary>Where the Kubernetes API serves a kind: its group ("" for the core group), version and plural.</summary>
public readonly record struct WorkloadResource(string Group, string Version, string Plural)
{
    /// <summary>"api/v1" for the core group, "apis/apps/v1" for the others: the path prefix of its URLs.</summary>
    public string ApiPrefix => Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";

    /// <summary>"pods", "deployments.apps": how kubectl and RBAC name it.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
