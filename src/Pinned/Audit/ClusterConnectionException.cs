namespace Pinned.Audit;

/// <summary>The cluster cannot be reached at all: no kubeconfig, a broken one, an unknown context.</summary>
internal sealed class ClusterConnectionException : Exception
{
    public ClusterConnectionException(string message)
        : base(message)
    {
    }

    public ClusterConnectionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
