using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Pinned.Tls;

/// <summary>
/// The serving certificate new TLS handshakes get. It is swapped whole on rotation; connections
/// already open keep theirs. The SslStreamCertificateContext is built once per certificate, not
/// per handshake, which keeps handshakes as cheap as with a fixed certificate.
/// </summary>
internal sealed class CertificateStore
{
    private volatile Entry? _current;

    public bool IsLoaded => _current is not null;

    public X509Certificate2? Certificate => _current?.Certificate;

    public SslStreamCertificateContext? Context => _current?.Context;

    /// <param name="certificate">The leaf, with its private key.</param>
    /// <param name="intermediates">The rest of the chain sent to clients (cert-manager puts it in tls.crt).</param>
    public void Set(X509Certificate2 certificate, X509Certificate2Collection? intermediates = null) =>
        _current = new Entry(certificate, SslStreamCertificateContext.Create(certificate, intermediates, offline: true));

    private sealed record Entry(X509Certificate2 Certificate, SslStreamCertificateContext Context);
}
