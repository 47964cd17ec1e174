namespace Pinned.Registry;

/// <summary>One registry call failed; <see cref="IsTransient"/> decides whether Polly retries it
/// and whether it counts against the host's circuit.</summary>
internal sealed class RegistryCallException : Exception
{
    public RegistryCallException(RegistryFailure failure, string reason, TimeSpan? retryAfter = null,
                                 Exception? inner = null, bool? transient = null)
        : base(reason, inner)
    {
        Failure = failure;
        RetryAfter = retryAfter;
        IsTransient = transient ?? failure is RegistryFailure.RateLimited or RegistryFailure.ServerError or RegistryFailure.Unreachable;
    }

    public RegistryFailure Failure { get; }

    /// <summary>The server's Retry-After, when it sent one (429, 503).</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsTransient { get; }
}
