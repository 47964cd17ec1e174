using System.Net;

namespace Pinned.Cluster.Tests.Chart;

/// <summary>One dry-run pod creation: who answered and how.</summary>
public sealed record ProbeResult(string PodName, DateTime At, HttpStatusCode Status, string Body)
{
    /// <summary>Pinned answered and denied (the API server names the webhook that denied).</summary>
    public bool DeniedByWebhook => Status == HttpStatusCode.Forbidden && Body.Contains("denied the request", StringComparison.Ordinal);

    /// <summary>Refused because the webhook did not answer (failurePolicy Fail): a lockout.</summary>
    public bool WebhookUnreachable => Body.Contains("failed calling webhook", StringComparison.Ordinal);

    public bool Admitted => Status == HttpStatusCode.Created;

    public override string ToString() => $"{At:HH:mm:ss.fff} {PodName}: {(int)Status} {Body[..Math.Min(Body.Length, 300)]}";
}
