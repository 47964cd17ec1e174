using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace Pinned.Audit.Background;

/// <summary>
/// Runs the audit on one replica only: KubernetesClient's LeaderElector on a Lease, the work
/// started when this replica leads and cancelled when it stops leading. On shutdown a leader
/// releases the Lease (holder emptied, as client-go's ReleaseOnCancel does) so that another
/// replica takes over at its next retry instead of waiting out the lease.
/// </summary>
internal sealed class AuditLeadership(IKubernetes client, AuditLease lease, ILogger logger)
{
    private static readonly TimeSpan ReleaseBudget = TimeSpan.FromSeconds(5);

    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, Action<bool> leading, CancellationToken stopping)
    {
        var config = new LeaderElectionConfig(new LeaseLock(client, lease.Namespace, lease.Name, lease.Identity))
        {
            LeaseDuration = lease.Duration,
            RenewDeadline = lease.RenewDeadline,
            RetryPeriod = lease.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        CancellationTokenSource? term = null;
        Task? work = null;
        elector.OnStartedLeading += () =>
        {
            AuditLog.Leading(logger, lease.Namespace, lease.Name, lease.Identity);
            term = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var token = term.Token;
            work = Task.Run(() => whileLeading(token), CancellationToken.None);
            leading(true);
        };
        elector.OnStoppedLeading += () =>
        {
            term?.Cancel();
            leading(false);
        };
        var unreachable = false;
        elector.OnNewLeader += holder =>
        {
            unreachable = false;
            AuditLog.Leader(logger, holder.Length == 0 ? "none" : holder);
        };

        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await elector.RunUntilLeadershipLostAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The library rethrows a failed Lease read (API server down, DNS, TLS); it retries here.
                if (!unreachable)
                {
                    AuditLog.LeaseUnreachable(logger, e, lease.Namespace, lease.Name, lease.RetryPeriod.TotalSeconds);
                    unreachable = true;
                }

                await DelayAsync(lease.RetryPeriod, stopping).ConfigureAwait(false);
            }
            finally
            {
                await EndWorkAsync(term, work).ConfigureAwait(false);
                term?.Dispose();
                term = null;
                work = null;
            }
        }

        await ReleaseAsync().ConfigureAwait(false);
    }

    private async Task EndWorkAsync(CancellationTokenSource? term, Task? work)
    {
        if (work is null)
        {
            return;
        }

        term?.Cancel();
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            AuditLog.Stopped(logger, e);
        }
    }

    /// <summary>Empties the holder if this replica still holds the Lease; anything else is left as it is.</summary>
    private async Task ReleaseAsync()
    {
        using var budget = new CancellationTokenSource(ReleaseBudget);
        try
        {
            var current = await client.CoordinationV1.ReadNamespacedLeaseAsync(lease.Name, lease.Namespace, cancellationToken: budget.Token).ConfigureAwait(false);
            if (current.Spec?.HolderIdentity != lease.Identity)
            {
                return;
            }

            current.Spec.HolderIdentity = string.Empty;
            current.Spec.LeaseDurationSeconds = 1;
            current.Spec.RenewTime = DateTime.UtcNow;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(current, lease.Name, lease.Namespace, cancellationToken: budget.Token).ConfigureAwait(false);
            AuditLog.LeaseReleased(logger, lease.Namespace, lease.Name);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not fatal: the Lease lapses after its duration and another replica takes it then.
            AuditLog.LeaseNotReleased(logger, lease.Namespace, lease.Name, e.Message);
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
