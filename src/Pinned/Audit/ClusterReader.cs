using Polly;
using Pinned.Policy;

namespace Pinned.Audit;

/// <summary>
/// The one place that lists the cluster: every kind of <see cref="WorkloadKinds"/> (SPEC.md §2),
/// owners before pods (so that a pod's owner is known when the pod arrives), one kind at a time
/// so that at most one page is in memory. A kind that cannot be read (403, retries exhausted, its
/// list restarted too often) is named in the result and the others are still read; only the
/// caller's cancellation stops the whole read.
/// </summary>
internal sealed class ClusterReader(IKubeApi api, ClusterReadOptions options)
{
    private readonly KindLister _lister = new(api, KubeApiResilience.Create(options), options);

    /// <summary>Pods last: the owner walk needs every controller listed first.</summary>
    public static IReadOnlyList<string> KindsInReadOrder { get; } =
        [.. WorkloadKinds.All.OrderBy(k => k == "Pod" ? 1 : 0).ThenBy(k => k, StringComparer.Ordinal)];

    /// <param name="namespace">One namespace, or null for all.</param>
    /// <param name="progress">Called after each page with the kind and how many of it were read so far.</param>
    public async Task<ClusterReadResult> ReadAsync(string? @namespace, IClusterObjectSink sink,
        Action<string, int>? progress = null, CancellationToken cancellationToken = default)
    {
        var listed = new Dictionary<string, int>(StringComparer.Ordinal);
        var unread = new List<UnreadKind>();
        string? unreachable = null;
        foreach (var kind in KindsInReadOrder)
        {
            var resource = WorkloadKinds.Resource(kind)
                ?? throw new InvalidOperationException($"WorkloadKinds names {kind} without the API resource that serves it");
            if (unreachable is not null)
            {
                // The server did not answer at all within a whole call's budget: asking it for
                // every other kind would only spend that budget again, kind after kind.
                unread.Add(new UnreadKind(kind, resource.QualifiedName, $"not tried: {unreachable}"));
                continue;
            }

            try
            {
                listed[kind] = await _lister.ListAsync(kind, resource, @namespace, sink,
                    progress is null ? null : n => progress(kind, n), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && Unreadable(e))
            {
                unread.Add(new UnreadKind(kind, resource.QualifiedName, Describe(e)));
                unreachable = e is KubeApiException ? null : $"the API server did not answer {kind}s ({Describe(e)})";
            }
        }

        return new ClusterReadResult(listed, unread);
    }

    private static bool Unreadable(Exception e) =>
        e is KubeApiException or OperationCanceledException || KubeApiResilience.IsTransient(e);

    private static string Describe(Exception e) => e switch
    {
        KubeApiException { Status: System.Net.HttpStatusCode.Forbidden } api => $"forbidden: {api.Reason}",
        KubeApiException { IsExpired: true } => "its list kept expiring (410) and was restarted too often",
        KubeApiException api => api.Message,
        Polly.Timeout.TimeoutRejectedException or OperationCanceledException => "timed out (the call's budget ran out)",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
