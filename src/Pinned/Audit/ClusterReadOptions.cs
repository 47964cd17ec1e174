namespace Pinned.Audit;

/// <summary>How the cluster is read: page size, and the budget of each call to the API server.</summary>
internal sealed record ClusterReadOptions
{
    /// <summary>Items per page: 500, as kubectl asks (its --chunk-size default).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>
    /// The total budget of one page, retries and waits included. A page of 500 pods takes well under
    /// a second on a healthy server; a minute covers an overloaded one that sheds load with 429s.
    /// </summary>
    public TimeSpan CallBudget { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>One attempt at one page: long enough for a busy server to send 500 objects.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public int MaxRetryAttempts { get; init; } = 8;

    /// <summary>The first backoff; it doubles (with jitter) up to the budget.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often one kind's list may restart after its continue token expired (410) before it is given up.</summary>
    public int MaxRestarts { get; init; } = 5;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
