namespace Pinned.Tls;

/// <summary>Where the PEM certificate and key are mounted, and how often to look for a rotation.</summary>
internal sealed record CertificateFiles(string CertPath, string KeyPath, TimeSpan PollInterval);
