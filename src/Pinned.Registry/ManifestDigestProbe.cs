using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Pinned.Registry;

/// <summary>
/// One attempt at a tag's digest: HEAD the manifest (cheap, and not counted by Docker Hub's pull
/// limit) and read <c>Docker-Content-Digest</c>; when HEAD gives none, GET the manifest and hash
/// it; when a GET also carries the header, the two must agree. Authenticates on a 401 challenge
/// (Bearer token flow or Basic) and remembers what worked per repository.
/// </summary>
internal sealed class ManifestDigestProbe(HttpClient http, BearerTokenProvider tokens, DockerConfigCredentials credentials,
                                          RegistryMetrics metrics, TimeProvider time)
{
    /// <summary>Index and manifest types, OCI and Docker: a multi-arch tag must answer with its
    /// index (whose digest is the one to pin), never be negotiated down to one platform.</summary>
    internal static readonly string[] AcceptedMediaTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    /// <summary>distribution refuses manifests over 4 MiB; so do we.</summary>
    private const int MaxManifestBytes = 4 * 1024 * 1024;

    /// <summary>Repositories whose authorization is remembered, at most.</summary>
    private const int MaxRemembered = 1024;

    private readonly ConcurrentDictionary<string, AuthenticationHeaderValue> _authorizations = new();

    public async Task<string> FetchDigestAsync(RegistryEndpoint endpoint, string repository, string tag, CancellationToken cancellationToken)
    {
        var uri = endpoint.ManifestUri(repository, tag);
        using (var head = await SendAuthenticated(HttpMethod.Head, uri, endpoint, repository, cancellationToken).ConfigureAwait(false))
        {
            Classify(head, endpoint, repository, tag);
            if (head.IsSuccessStatusCode && DigestHeader(head) is { } digest && Digests.IsValid(digest))
            {
                metrics.RecordCall(endpoint.Host, "ok");
                return digest;
            }
        }
        using var get = await SendAuthenticated(HttpMethod.Get, uri, endpoint, repository, cancellationToken).ConfigureAwait(false);
        Classify(get, endpoint, repository, tag);
        if (!get.IsSuccessStatusCode)
        {
            metrics.RecordCall(endpoint.Host, "error");
            throw new RegistryCallException(RegistryFailure.InvalidResponse, $"{endpoint.Host} answered {(int)get.StatusCode} {get.ReasonPhrase}");
        }
        var body = await ReadLimited(get, endpoint, cancellationToken).ConfigureAwait(false);
        var announced = DigestHeader(get);
        var computed = Digests.Compute(body, announced);
        if (announced is not null && announced != computed)
        {
            metrics.RecordCall(endpoint.Host, "error");
            throw new RegistryCallException(RegistryFailure.InvalidResponse,
                $"{endpoint.Host} sent a manifest whose content ({computed}) does not match its Docker-Content-Digest ({announced})");
        }
        metrics.RecordCall(endpoint.Host, "ok");
        return computed;
    }

    private async Task<HttpResponseMessage> SendAuthenticated(HttpMethod method, Uri uri, RegistryEndpoint endpoint,
                                                              string repository, CancellationToken cancellationToken)
    {
        var scopeKey = $"{endpoint.Host}/{repository}";
        _authorizations.TryGetValue(scopeKey, out var authorization);
        var response = await Send(method, uri, authorization, endpoint, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        var challenge = AuthChallenge.Select(response.Headers.WwwAuthenticate);
        response.Dispose();
        var credential = credentials.Find(endpoint.CredentialKey);
        authorization = challenge switch
        {
            { IsBearer: true } => new AuthenticationHeaderValue("Bearer",
                await tokens.GetTokenAsync(challenge, credential, repository, cancellationToken).ConfigureAwait(false)),
            { IsBasic: true } when credential is not null => new AuthenticationHeaderValue("Basic", credential.ToBasicParameter()),
            _ => throw Unauthorized(endpoint, credential, challenge is null ? "no usable WWW-Authenticate challenge" : null),
        };
        response = await Send(method, uri, authorization, endpoint, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            _authorizations.TryRemove(scopeKey, out _);
            throw Unauthorized(endpoint, credential, null);
        }
        if (_authorizations.Count >= MaxRemembered)
        {
            // Only a hint to skip a 401 round trip: forgetting it all is harmless.
            _authorizations.Clear();
        }
        _authorizations[scopeKey] = authorization;
        return response;
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, Uri uri, AuthenticationHeaderValue? authorization,
                                                 RegistryEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        foreach (var mediaType in AcceptedMediaTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        }
        request.Headers.Authorization = authorization;
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            metrics.RecordCall(endpoint.Host, "unreachable");
            throw ManifestResponses.Unreachable($"registry {endpoint.Host}", e);
        }
    }

    private void Classify(HttpResponseMessage response, RegistryEndpoint endpoint, string repository, string tag)
    {
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            metrics.RecordCall(endpoint.Host, "not_found");
            throw new RegistryCallException(RegistryFailure.NotFound, $"not found: no manifest for tag \"{tag}\" in repository {repository}");
        }
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            metrics.RecordCall(endpoint.Host, "unauthorized");
            throw new RegistryCallException(RegistryFailure.Unauthorized, $"unauthorized: access to {repository} is forbidden (403)");
        }
        try
        {
            ManifestResponses.ThrowIfTransient(response, $"registry {endpoint.Host}", time);
        }
        catch (RegistryCallException e)
        {
            metrics.RecordCall(endpoint.Host, e.Failure == RegistryFailure.RateLimited ? "rate_limited" : "server_error");
            throw;
        }
    }

    private RegistryCallException Unauthorized(RegistryEndpoint endpoint, RegistryCredential? credential, string? detail)
    {
        metrics.RecordCall(endpoint.Host, "unauthorized");
        var reason = detail ?? (credential is null
            ? $"no credentials for {endpoint.CredentialKey} in registry.dockerConfig"
            : $"the credentials of user '{credential.Username}' were rejected");
        return new RegistryCallException(RegistryFailure.Unauthorized, $"unauthorized: {reason}");
    }

    private static string? DigestHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault()?.Trim() : null;

    private async Task<byte[]> ReadLimited(HttpResponseMessage response, RegistryEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxManifestBytes)
        {
            throw new RegistryCallException(RegistryFailure.InvalidResponse, $"{endpoint.Host} sent a manifest over 4 MiB");
        }
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxManifestBytes)
                {
                    throw new RegistryCallException(RegistryFailure.InvalidResponse, $"{endpoint.Host} sent a manifest over 4 MiB");
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            metrics.RecordCall(endpoint.Host, "unreachable");
            throw ManifestResponses.Unreachable($"registry {endpoint.Host}", e);
        }
    }
}
