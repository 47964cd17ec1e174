using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>Trust as the API server applies it to a webhook: the caBundle's CA only, and the Service's name.</summary>
internal static class CertificateTrust
{
    /// <summary>A certificate from base64 of PEM, as in a Secret's data or a caBundle.</summary>
    public static X509Certificate2 FromBase64Pem(string base64Pem) =>
        X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(base64Pem)));

    public static bool ChainsTo(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
