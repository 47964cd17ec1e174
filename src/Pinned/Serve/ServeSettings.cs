using System.Net;
using Pinned.Tls;

namespace Pinned.Serve;

/// <summary>
/// How `pinned serve` listens. Certificate is null with <see cref="DevCertificate"/> in use.
/// ShutdownDelay is how long the webhook keeps answering, not ready, after SIGTERM: the
/// Service's endpoints are updated asynchronously, so API servers still call a terminating pod
/// for a moment; refusing them then would fail admissions under failurePolicy Fail.
/// </summary>
internal sealed record ServeSettings
{
    public IPAddress Address { get; init; } = IPAddress.Any;

    public int Port { get; init; } = 8443;

    public CertificateFiles? Certificate { get; init; }

    public bool Dev { get; init; }

    public TimeSpan BodyReadTimeout { get; init; } = RequestLimits.DefaultBodyReadTimeout;

    public TimeSpan ShutdownDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long in-flight reviews may take to finish once draining starts (within Kubernetes' 30 s grace).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
