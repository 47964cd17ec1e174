using System.Text.Json;

namespace Pinned.Audit;

/// <summary>The one read the audit makes of the API server: GET a path, get its JSON document.</summary>
internal interface IKubeApi
{
    /// <summary>
    /// GETs <paramref name="pathAndQuery"/> (relative to the server, e.g. "api/v1/pods?limit=500")
    /// and parses the whole body. Throws <see cref="KubeApiException"/> for an error status,
    /// HttpRequestException or IOException when the connection fails, also mid-body.
    /// </summary>
    Task<JsonDocument> GetAsync(string pathAndQuery, CancellationToken cancellationToken);
}
