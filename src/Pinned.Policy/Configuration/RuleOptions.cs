namespace Pinned.Policy;

/// <summary>Settings of the image-digest rule.</summary>
public sealed class ImageDigestOptions
{
    public RuleAction Action { get; init; } = RuleAction.Enforce;

    public IReadOnlyList<string> ExemptImages { get; init; } = [];
}

/// <summary>Settings of the mutable-tag rule.</summary>
public sealed class MutableTagOptions
{
    public RuleAction Action { get; init; } = RuleAction.Enforce;

    /// <summary>Tags that can move; compared case-insensitively. A missing tag always counts.</summary>
    public IReadOnlyList<string> MutableTags { get; init; } = ["latest"];

    public IReadOnlyList<string> ExemptImages { get; init; } = [];
}

/// <summary>Settings of the host-path rule: an empty allow-list denies every hostPath.</summary>
public sealed class HostPathOptions
{
    public RuleAction Action { get; init; } = RuleAction.Enforce;

    public IReadOnlyList<AllowedHostPath> AllowedHostPaths { get; init; } = [];
}

/// <summary>How Pinned talks to registries when it resolves tags to digests (SPEC.md §7).</summary>
public sealed class RegistryOptions
{
    /// <summary>host[:port] reached over plain HTTP.</summary>
    public IReadOnlyList<string> Insecure { get; init; } = [];

    /// <summary>An extra PEM bundle trusted for registry TLS; empty for none.</summary>
    public string CaFile { get; init; } = string.Empty;

    /// <summary>A Docker config.json whose "auths" give credentials per registry; empty for none.</summary>
    public string DockerConfig { get; init; } = string.Empty;

    /// <summary>Total budget for one resolution, retries included; fits inside the webhook's 5 s timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>The opt-in mutating webhook that pins images at admission.</summary>
public sealed class MutationOptions
{
    public bool Enabled { get; init; }
}

/// <summary>The background audit of <c>pinned serve</c> (SPEC.md §8, policy file <c>audit:</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>Off unless the file asks: a <c>pinned serve</c> outside a cluster has nothing to read.</summary>
    public bool Enabled { get; init; }

    /// <summary>Time between rounds; each wait is jittered (<see cref="Jitter"/>) so replicas and restarts do not align.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The fraction of <see cref="Interval"/> added at random to each wait.</summary>
    public double Jitter { get; init; } = 0.1;

    /// <summary>One PolicyReport per namespace with failures.</summary>
    public bool Reports { get; init; }

    /// <summary>How long a leader's Lease holds without renewal before another replica takes over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Distinct namespace tag values on the audit metrics; the rest are counted as "other".</summary>
    public int MetricNamespaces { get; init; } = 100;
}
