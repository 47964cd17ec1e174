namespace Pinned.Policy;

/// <summary>An object as the policy sees it: identity, and its pod spec when its kind carries one.</summary>
public sealed class Workload(string? kind, string? apiVersion, string? name, string? @namespace, PodSpecView? podSpec)
{
    public string? Kind { get; } = kind;

    public string? ApiVersion { get; } = apiVersion;

    public string? Name { get; } = name;

    public string? Namespace { get; } = @namespace;

    /// <summary>Null when the kind carries no pod spec: such objects are allowed without evaluation.</summary>
    public PodSpecView? PodSpec { get; } = podSpec;
}
