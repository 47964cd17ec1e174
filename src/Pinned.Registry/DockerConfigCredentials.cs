using System.Text;
using System.Text.Json;

namespace Pinned.Registry;

/// <summary>
/// Credentials per registry from a Docker config.json (or a kubernetes.io/dockerconfigjson
/// secret, which has the same shape): <c>{"auths": {"host": {"auth": base64("user:pass")}}}</c>
/// or <c>{"username", "password"}</c>. Keys may carry a scheme and a path
/// (<c>https://index.docker.io/v1/</c>); they are matched by host[:port].
/// Credential helpers (<c>credsStore</c>, <c>credHelpers</c>) run external programs and are not used.
/// </summary>
internal sealed class DockerConfigCredentials
{
    private readonly Dictionary<string, RegistryCredential> _byHost;

    private DockerConfigCredentials(Dictionary<string, RegistryCredential> byHost) => _byHost = byHost;

    public static DockerConfigCredentials Empty { get; } = new(new(StringComparer.OrdinalIgnoreCase));

    public int Count => _byHost.Count;

    /// <summary>Reads the file; a missing or malformed file is an error naming the file.</summary>
    public static DockerConfigCredentials Load(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return Empty;
        }
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryConfigurationException($"registry.dockerConfig: cannot read {path}: {e.Message}", e);
        }
        try
        {
            return Parse(json);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new RegistryConfigurationException($"registry.dockerConfig: {path} is not a Docker config.json: {e.Message}", e);
        }
    }

    public static DockerConfigCredentials Parse(string json)
    {
        var byHost = new Dictionary<string, RegistryCredential>(StringComparer.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object ||
            !document.RootElement.TryGetProperty("auths", out var auths))
        {
            return new(byHost);
        }
        if (auths.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("\"auths\" must be an object");
        }
        foreach (var entry in auths.EnumerateObject())
        {
            if (ReadCredential(entry.Name, entry.Value) is { } credential)
            {
                byHost[HostOf(entry.Name)] = credential;
            }
        }
        return new(byHost);
    }

    /// <summary>The credential for a registry, by the key of its endpoint (docker.io for Docker Hub).</summary>
    public RegistryCredential? Find(string credentialKey) =>
        _byHost.TryGetValue(credentialKey, out var credential) ? credential : null;

    private static RegistryCredential? ReadCredential(string key, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"auths[\"{key}\"] must be an object");
        }
        if (value.TryGetProperty("auth", out var auth) && auth.GetString() is { Length: > 0 } encoded)
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"auths[\"{key}\"].auth must be base64 of \"user:password\"");
            }
            return new(decoded[..colon], decoded[(colon + 1)..]);
        }
        if (value.TryGetProperty("username", out var user) && user.GetString() is { Length: > 0 } username &&
            value.TryGetProperty("password", out var pass) && pass.GetString() is { } password)
        {
            return new(username, password);
        }
        return null;
    }

    /// <summary>"https://index.docker.io/v1/" → "docker.io"; "http://host:5000/x" → "host:5000".</summary>
    internal static string HostOf(string key)
    {
        var host = key.Trim();
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }
        var slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            host = host[..slash];
        }
        host = host.ToLowerInvariant();
        return host is "index.docker.io" or RegistryEndpoint.DockerHubApiHost ? RegistryEndpoint.DockerHubDomain : host;
    }
}
