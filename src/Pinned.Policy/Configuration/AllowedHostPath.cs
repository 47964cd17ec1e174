namespace Pinned.Policy;

/// <summary>One entry of host-path's allowedHostPaths: a path prefix and whether it must be mounted read-only.</summary>
public sealed record AllowedHostPath(string PathPrefix, bool ReadOnly);
