using Pinned.Policy;

namespace Pinned.Audit;

/// <summary>
/// One audit of a cluster, without the CLI: read every kind (<see cref="ClusterReader"/>), judge
/// and group (<see cref="AuditAnalyzer"/>), return the <see cref="AuditReport"/>. What
/// <c>pinned audit</c> prints and what a background audit in <c>pinned serve</c> would publish.
/// </summary>
internal sealed class ClusterAudit(IKubeApi api, PolicyEvaluator evaluator, ClusterReadOptions? options = null)
{
    private readonly ClusterReader _reader = new(api, options ?? new ClusterReadOptions());

    /// <param name="namespace">One namespace, or null for the whole cluster.</param>
    /// <param name="progress">Called after each page with the kind and how many of it were read so far.</param>
    public async Task<AuditReport> RunAsync(string? @namespace, Action<string, int>? progress = null, CancellationToken cancellationToken = default)
    {
        var analyzer = new AuditAnalyzer(evaluator);
        var read = await _reader.ReadAsync(@namespace, analyzer, progress, cancellationToken).ConfigureAwait(false);
        return analyzer.Complete(read);
    }
}
