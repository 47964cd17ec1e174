using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pinned.Tests.Serve;

/// <summary>Self-signed serving certificates written as PEM files, as cert-manager writes tls.crt and tls.key.</summary>
internal static class TestCertificates
{
    /// <param name="validity">From now to notAfter; one day when null.</param>
    public static (string CertPem, string KeyPem, string Thumbprint) Create(string commonName, TimeSpan? validity = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow + (validity ?? TimeSpan.FromDays(1)));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), certificate.Thumbprint);
    }
}
