using Pinned.Tls;

namespace Pinned.Serve;

/// <summary>Ready = a certificate is being served and shutdown has not started. (The policy was validated at start.)</summary>
internal sealed class ReadinessState(CertificateStore certificates)
{
    private volatile bool _stopping;

    public bool IsStopping => _stopping;

    public void MarkStopping() => _stopping = true;

    public string? NotReadyReason =>
        _stopping ? "shutting down" : !certificates.IsLoaded ? "no serving certificate loaded" : null;
}
