using System.Security.Cryptography.X509Certificates;

namespace Pinned.Tls;

/// <summary>A certificate chain and its key, loaded from the PEM text of tls.crt and tls.key.</summary>
internal static class PemCertificate
{
    /// <summary>Throws CryptographicException (or ArgumentException) on bad PEM or a key that does not match.</summary>
    public static (X509Certificate2 Leaf, X509Certificate2Collection Intermediates) Load(string certPem, string keyPem)
    {
        var leaf = X509Certificate2.CreateFromPem(certPem, keyPem);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(certPem);
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain)
        {
            if (certificate.Thumbprint != leaf.Thumbprint)
            {
                intermediates.Add(certificate);
            }
        }

        return (leaf, intermediates);
    }
}
