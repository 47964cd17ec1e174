namespace Pinned.Registry;

/// <summary>Where the distribution API of a reference's domain lives.</summary>
internal readonly record struct RegistryEndpoint(string Host, Uri BaseUri, string CredentialKey)
{
    /// <summary>Docker Hub's API host: "docker.io" is only the name used in references.</summary>
    public const string DockerHubApiHost = "registry-1.docker.io";

    public const string DockerHubDomain = "docker.io";

    /// <summary>Maps a normalised reference domain (host[:port]) to its API endpoint: Docker Hub's
    /// names go to registry-1.docker.io; HTTPS unless the host is configured as insecure.</summary>
    public static RegistryEndpoint For(string domain, RegistryClientOptions options)
    {
        var normalized = domain.ToLowerInvariant();
        if (normalized is DockerHubDomain or "index.docker.io" or DockerHubApiHost)
        {
            return new(DockerHubApiHost, new Uri("https://" + DockerHubApiHost + "/"), DockerHubDomain);
        }
        var scheme = options.IsInsecure(normalized) ? "http" : "https";
        return new(normalized, new Uri($"{scheme}://{normalized}/"), normalized);
    }

    public Uri ManifestUri(string repository, string reference) =>
        new(BaseUri, $"v2/{repository}/manifests/{Uri.EscapeDataString(reference)}");
}
