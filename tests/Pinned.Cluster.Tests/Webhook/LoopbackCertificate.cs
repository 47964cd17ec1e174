using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pinned.Cluster.Tests.Webhook;

/// <summary>
/// A self-signed serving certificate for 127.0.0.1, written as the PEM files `pinned serve
/// --cert/--key` reads; the API server trusts it through the webhook's caBundle.
/// </summary>
internal sealed class LoopbackCertificate : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pinned-webhook-tls-");

    public LoopbackCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=pinned-test-webhook", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var pem = certificate.ExportCertificatePem();
        File.WriteAllText(CertPath, pem);
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
        CaBundle = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(pem));
    }

    public string CertPath => Path.Combine(_folder.FullName, "tls.crt");

    public string KeyPath => Path.Combine(_folder.FullName, "tls.key");

    /// <summary>The certificate itself, base64 of its PEM, as a webhook configuration's caBundle takes it.</summary>
    public string CaBundle { get; }

    public void Dispose() => _folder.Delete(recursive: true);
}
