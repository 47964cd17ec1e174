using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Pinned.Registry;

/// <summary>The HTTP stack for registries: pooled connections, and TLS that trusts the system
/// roots plus the PEM bundle of <c>registry.caFile</c>, if any. Host names are always checked.</summary>
internal static class RegistryHttpHandler
{
    public static SocketsHttpHandler Create(RegistryClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.EffectiveAttemptTimeout,
            AutomaticDecompression = DecompressionMethods.All,
            // Redirects are followed by AuthenticatingSender, which authenticates per host.
            AllowAutoRedirect = false,
        };
        var extraRoots = LoadCaFile(options.CaFile);
        if (extraRoots.Count > 0)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                errors == SslPolicyErrors.None ||
                (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is X509Certificate2 leaf &&
                 ChainsToExtraRoot(leaf, chain, extraRoots));
        }
        return handler;
    }

    internal static X509Certificate2Collection LoadCaFile(string? caFile)
    {
        var roots = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(caFile))
        {
            return roots;
        }
        try
        {
            roots.ImportFromPemFile(caFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new RegistryConfigurationException($"registry.caFile: cannot read CA certificates from {caFile}: {e.Message}", e);
        }
        if (roots.Count == 0)
        {
            throw new RegistryConfigurationException($"registry.caFile: {caFile} holds no PEM certificate");
        }
        return roots;
    }

    private static bool ChainsToExtraRoot(X509Certificate2 leaf, X509Chain? presented, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return chain.Build(leaf);
    }
}
