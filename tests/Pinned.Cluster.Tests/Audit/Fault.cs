namespace Pinned.Cluster.Tests.Audit;

/// <summary>What the <see cref="FaultProxy"/> does to one request instead of forwarding it plainly.</summary>
internal enum FaultKind
{
    /// <summary>429 with Retry-After: 1.</summary>
    TooManyRequests,

    /// <summary>500 with a Status body.</summary>
    ServerError,

    /// <summary>The upstream answer's status and headers, half its body, then the connection is dropped.</summary>
    DropMidBody,

    /// <summary>410 Expired, as the API server answers a continue token older than etcd's compaction.</summary>
    ExpireContinue,

    /// <summary>409 Conflict, as the API server answers a write of an object changed since it was read.</summary>
    Conflict,
}

/// <summary>A fault for the next <paramref name="Times"/> requests whose path and query match.</summary>
internal sealed record Fault(FaultKind Kind, Func<string, bool> Matches, int Times = 1)
{
    public int Left { get; set; } = Times;
}
