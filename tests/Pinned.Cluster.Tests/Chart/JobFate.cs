namespace Pinned.Cluster.Tests.Chart;

/// <summary>What the stand-in kubelet does with a Job's pod.</summary>
public enum JobFate
{
    /// <summary>Runs the container's command here (kubectl with the test's kubeconfig) and reports its exit.</summary>
    Run,

    /// <summary>Reports the pod and the Job failed without running anything (an image that cannot start).</summary>
    Fail,

    /// <summary>Leaves the pod Pending forever (no node could take it).</summary>
    Hold,
}
