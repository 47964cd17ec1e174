using System.Net;

namespace Pinned.Registry;

/// <summary>
/// One attempt at a tag's digest: HEAD the manifest (cheap, and not counted by Docker Hub's pull
/// limit) and read <c>Docker-Content-Digest</c>; when HEAD gives none, GET the manifest and hash
/// it; when a GET also carries the header, the two must agree. Authentication and redirects are
/// <see cref="AuthenticatingSender"/>'s.
/// </summary>
internal sealed class ManifestDigestProbe(AuthenticatingSender sender, RegistryMetrics metrics, TimeProvider time)
{
    /// <summary>distribution refuses manifests over 4 MiB; so do we.</summary>
    private const int MaxManifestBytes = 4 * 1024 * 1024;

    public async Task<string> FetchDigestAsync(RegistryEndpoint endpoint, string repository, string tag, CancellationToken cancellationToken)
    {
        var uri = endpoint.ManifestUri(repository, tag);
        using (var head = await sender.SendAsync(HttpMethod.Head, uri, endpoint, repository, cancellationToken).ConfigureAwait(false))
        {
            Classify(head, endpoint, repository, tag);
            if (head.IsSuccessStatusCode && DigestHeader(head) is { } digest && Digests.IsValid(digest))
            {
                metrics.RecordCall(endpoint.Host, "ok");
                return digest;
            }
        }
        using var get = await sender.SendAsync(HttpMethod.Get, uri, endpoint, repository, cancellationToken).ConfigureAwait(false);
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
