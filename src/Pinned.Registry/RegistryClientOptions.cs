namespace Pinned.Registry;

/// <summary>
/// How <see cref="DigestResolver"/> reaches registries. The first five settings are the policy
/// file's <c>registry:</c> section (SPEC §7); the rest are tuning knobs with defaults derived from
/// the budget, so that a whole resolution, retries included, fits inside the webhook's
/// <c>timeoutSeconds: 5</c>.
/// </summary>
public sealed class RegistryClientOptions
{
    /// <summary>host[:port] entries reached over plain HTTP; every other registry is HTTPS.</summary>
    public IReadOnlyList<string> Insecure { get; init; } = [];

    /// <summary>PEM bundle of extra CAs trusted for registry TLS, besides the system roots.</summary>
    public string? CaFile { get; init; }

    /// <summary>A Docker config.json whose <c>auths</c> give credentials per registry.</summary>
    public string? DockerConfig { get; init; }

    /// <summary>Total budget for one resolution, retries and Retry-After waits included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a tag → digest answer is reused.</summary>
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Most tag → digest answers kept; the least recently used go first.</summary>
    public int CacheCapacity { get; init; } = 4096;

    /// <summary>Retries after the first attempt, on transient failures and 429.</summary>
    public int MaxRetryAttempts { get; init; } = 2;

    /// <summary>Limit of one HTTP attempt (token exchange included); null: 40% of the budget,
    /// which leaves room for a second attempt and a backoff.</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>First backoff delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a registry host is skipped once its circuit opens.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Failures among recent calls to one host that open its circuit.</summary>
    public int BreakerMinimumThroughput { get; init; } = 3;

    /// <summary>The policy file's <c>registry:</c> section, with default tuning.</summary>
    public static RegistryClientOptions From(Pinned.Policy.RegistryOptions registry) => new()
    {
        Insecure = registry.Insecure,
        CaFile = string.IsNullOrWhiteSpace(registry.CaFile) ? null : registry.CaFile,
        DockerConfig = string.IsNullOrWhiteSpace(registry.DockerConfig) ? null : registry.DockerConfig,
        Timeout = registry.Timeout,
        CacheTtl = registry.CacheTtl,
    };

    internal TimeSpan EffectiveAttemptTimeout => AttemptTimeout ?? Timeout * 0.4;

    internal bool IsInsecure(string host) =>
        Insecure.Any(entry => string.Equals(entry.Trim(), host, StringComparison.OrdinalIgnoreCase));
}
