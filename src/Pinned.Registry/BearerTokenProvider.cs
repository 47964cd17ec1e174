using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Pinned.Registry;

/// <summary>
/// The distribution token flow: after a <c>Bearer realm=…,service=…,scope=…</c> challenge, GET
/// the realm with that service and scope (with Basic credentials when some are configured, else
/// anonymously) and use the returned token. Tokens are reused until shortly before they expire.
/// Credentials are never sent over plain HTTP unless the realm's host is listed as insecure.
/// </summary>
internal sealed class BearerTokenProvider(HttpClient http, RegistryClientOptions options, TimeProvider time)
{
    /// <summary>The token spec's default lifetime when the server gives none.</summary>
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Renew this much before expiry so a token never dies in flight.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(5);

    /// <summary>Tokens kept at most; past it expired ones go, and if that is not enough, all.</summary>
    internal const int MaxTokens = 1024;

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> _tokens = new();

    public async Task<string> GetTokenAsync(AuthChallenge challenge, RegistryCredential? credential,
                                            string repository, CancellationToken cancellationToken)
    {
        var realm = challenge["realm"];
        if (realm is null || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri) ||
            realmUri.Scheme is not ("https" or "http"))
        {
            throw new RegistryCallException(RegistryFailure.InvalidResponse, $"bearer challenge without a usable realm ({realm ?? "none"})");
        }
        var scope = challenge["scope"] ?? $"repository:{repository}:pull";
        var service = challenge["service"];
        var key = $"{realm}|{service}|{scope}|{credential?.Username}";
        if (_tokens.TryGetValue(key, out var cached) && cached.Expires > time.GetUtcNow())
        {
            return cached.Token;
        }

        var query = (service is null ? "" : $"service={Uri.EscapeDataString(service)}&") + $"scope={Uri.EscapeDataString(scope)}";
        var builder = new UriBuilder(realmUri) { Query = string.IsNullOrEmpty(realmUri.Query) ? query : realmUri.Query[1..] + "&" + query };
        using var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (credential is not null && (realmUri.Scheme == "https" || options.IsInsecure(realmUri.Authority)))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credential.ToBasicParameter());
        }
        using var response = await Send(request, realmUri, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new RegistryCallException(RegistryFailure.Unauthorized, credential is null
                ? $"unauthorized: the token service {realmUri.Authority} refused anonymous access to {scope} (no credentials configured)"
                : $"unauthorized: the token service {realmUri.Authority} rejected the credentials of user '{credential.Username}'");
        }
        ManifestResponses.ThrowIfTransient(response, $"token service {realmUri.Authority}", time);
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryCallException(RegistryFailure.InvalidResponse, $"token service {realmUri.Authority} answered {(int)response.StatusCode}");
        }
        var (token, lifetime) = await ReadToken(response, cancellationToken).ConfigureAwait(false);
        Prune();
        _tokens[key] = (token, time.GetUtcNow() + (lifetime > Skew * 2 ? lifetime - Skew : lifetime));
        return token;
    }

    internal int Count => _tokens.Count;

    /// <summary>A long-running webhook sees many repositories: keep the token table bounded.</summary>
    private void Prune()
    {
        if (_tokens.Count < MaxTokens)
        {
            return;
        }
        var now = time.GetUtcNow();
        foreach (var entry in _tokens)
        {
            if (entry.Value.Expires <= now)
            {
                _tokens.TryRemove(entry);
            }
        }
        if (_tokens.Count >= MaxTokens)
        {
            _tokens.Clear();
        }
    }

    private async Task<HttpResponseMessage> Send(HttpRequestMessage request, Uri realm, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw ManifestResponses.Unreachable($"token service {realm.Authority}", e);
        }
    }

    private static async Task<(string Token, TimeSpan Lifetime)> ReadToken(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = json.RootElement;
            var token = (root.TryGetProperty("token", out var t) ? t.GetString() : null)
                        ?? (root.TryGetProperty("access_token", out var a) ? a.GetString() : null);
            if (string.IsNullOrEmpty(token))
            {
                throw new RegistryCallException(RegistryFailure.InvalidResponse, "token service answered without a token");
            }
            var lifetime = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : DefaultLifetime;
            return (token, lifetime);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new RegistryCallException(RegistryFailure.InvalidResponse, "token service answered with something other than a token", inner: e);
        }
    }
}
