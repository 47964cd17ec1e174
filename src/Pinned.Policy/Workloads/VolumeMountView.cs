namespace Pinned.Policy;

/// <summary>One entry of a container's volumeMounts.</summary>
public sealed record VolumeMountView(string? Name, bool ReadOnly);
