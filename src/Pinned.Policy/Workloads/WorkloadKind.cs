namespace Pinned.Policy;

/// <summary>A kind that carries a pod spec: where the spec is, and the API group (core is "") and resources that serve it.</summary>
public sealed record WorkloadKind(string Kind, IReadOnlyList<string> PodSpecPath, string ApiGroup, IReadOnlyList<string> Resources);
