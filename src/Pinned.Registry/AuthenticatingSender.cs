using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Pinned.Registry;

/// <summary>
/// Sends one manifest request the way registries expect: answers a 401 challenge (Bearer token
/// flow, or Basic) and remembers what worked per host and repository; follows redirects itself
/// (registry.k8s.io sends manifests to regional Artifact Registry hosts), authenticating with
/// each host on its own terms. Credentials never follow a redirect to another host: that host
/// gets only its own entry of the Docker config, and a redirect may not leave HTTPS.
/// </summary>
internal sealed class AuthenticatingSender(HttpClient http, BearerTokenProvider tokens, DockerConfigCredentials credentials,
                                           RegistryClientOptions options, RegistryMetrics metrics)
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

    private const int MaxRedirects = 5;

    /// <summary>Repositories whose authorization is remembered, at most.</summary>
    private const int MaxRemembered = 1024;

    private readonly ConcurrentDictionary<string, AuthenticationHeaderValue> _authorizations = new();

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, RegistryEndpoint endpoint, string repository,
                                                     CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            var response = await SendAuthenticated(method, uri, endpoint, repository, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
            {
                return response;
            }
            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (hop == MaxRedirects || !(next.Scheme == "https" || (next.Scheme == "http" && options.IsInsecure(next.Authority))))
            {
                metrics.RecordCall(endpoint.Host, "error");
                throw new RegistryCallException(RegistryFailure.InvalidResponse, hop == MaxRedirects
                    ? $"{endpoint.Host} redirected more than {MaxRedirects} times"
                    : $"{endpoint.Host} redirected to {next.Scheme}://{next.Authority}, which is neither HTTPS nor listed in registry.insecure");
            }
            uri = next;
        }
    }

    private async Task<HttpResponseMessage> SendAuthenticated(HttpMethod method, Uri uri, RegistryEndpoint endpoint,
                                                              string repository, CancellationToken cancellationToken)
    {
        var scopeKey = $"{uri.Authority}/{repository}";
        _authorizations.TryGetValue(scopeKey, out var authorization);
        var response = await Send(method, uri, authorization, endpoint, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }
        var challenge = AuthChallenge.Select(response.Headers.WwwAuthenticate);
        response.Dispose();
        var credentialKey = uri.Authority == endpoint.BaseUri.Authority ? endpoint.CredentialKey : DockerConfigCredentials.HostOf(uri.Authority);
        var credential = credentials.Find(credentialKey);
        authorization = challenge switch
        {
            { IsBearer: true } => new AuthenticationHeaderValue("Bearer",
                await tokens.GetTokenAsync(challenge, credential, repository, cancellationToken).ConfigureAwait(false)),
            { IsBasic: true } when credential is not null => new AuthenticationHeaderValue("Basic", credential.ToBasicParameter()),
            _ => throw Unauthorized(endpoint, credentialKey, credential, challenge is null ? "no usable WWW-Authenticate challenge" : null),
        };
        response = await Send(method, uri, authorization, endpoint, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            _authorizations.TryRemove(scopeKey, out _);
            throw Unauthorized(endpoint, credentialKey, credential, null);
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
            throw ManifestResponses.Unreachable($"registry {uri.Authority}", e);
        }
    }

    private RegistryCallException Unauthorized(RegistryEndpoint endpoint, string credentialKey, RegistryCredential? credential, string? detail)
    {
        metrics.RecordCall(endpoint.Host, "unauthorized");
        var reason = detail ?? (credential is null
            ? $"no credentials for {credentialKey} in registry.dockerConfig"
            : $"the credentials of user '{credential.Username}' were rejected");
        return new RegistryCallException(RegistryFailure.Unauthorized, $"unauthorized: {reason}");
    }
}
