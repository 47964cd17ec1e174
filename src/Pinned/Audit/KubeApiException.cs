using System.Net;

namespace Pinned.Audit;

/// <summary>
/// The API server answered a call with an error status. <see cref="Message"/> carries the
/// server's own reason (the Status object's message) so that a 403 says who may not list what.
/// </summary>
internal sealed class KubeApiException(HttpStatusCode status, string reason, TimeSpan? retryAfter)
    : Exception($"{(int)status} {status}: {reason}")
{
    public HttpStatusCode Status { get; } = status;

    public string Reason { get; } = reason;

    /// <summary>What a 429 or 503 asked the client to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>429 and 5xx: the server may answer the same call differently in a moment.</summary>
    public bool IsTransient => Status == HttpStatusCode.TooManyRequests || (int)Status >= 500;

    /// <summary>410: the continue token of a paged list expired (the server compacted past it).</summary>
    public bool IsExpired => Status == HttpStatusCode.Gone;
}
