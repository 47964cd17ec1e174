using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Polly;

namespace Pinned.Audit.Reports;

/// <summary>
/// The PolicyReport calls of the publisher, each through the audit's Polly pipeline
/// (<see cref="KubeApiResilience"/>: retries on 429, 5xx, dropped connections and timeouts within
/// a budget per call). KubernetesClient's errors become <see cref="KubeApiException"/>s, so that
/// the pipeline judges them as it judges the audit's own. Reads ask for metadata only
/// (PartialObjectMetadata): a report of 1000 results is not worth downloading to learn its version.
/// </summary>
internal sealed class PolicyReportStore(IKubernetes client, ClusterReadOptions options)
{
    private static readonly Dictionary<string, IReadOnlyList<string>> MetadataListOnly = new()
    {
        ["Accept"] = ["application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", "application/json"],
    };

    private static readonly Dictionary<string, IReadOnlyList<string>> MetadataOnly = new()
    {
        ["Accept"] = ["application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1", "application/json"],
    };

    private readonly ResiliencePipeline _pipeline = KubeApiResilience.Create(options);

    /// <summary>Pinned's reports in every namespace (by label). Throws a 404 <see cref="KubeApiException"/> when the CRD is not installed.</summary>
    public async Task<IReadOnlyList<PublishedReport>> ListOursAsync(CancellationToken ct)
    {
        var reports = new List<PublishedReport>();
        string? next = null;
        do
        {
            var token = next;
            var page = await CallAsync(async c =>
            {
                using var response = await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                    PolicyReports.Group, PolicyReports.Version, PolicyReports.Plural,
                    continueParameter: token, labelSelector: PolicyReports.Selector, limit: options.PageSize,
                    customHeaders: MetadataListOnly, cancellationToken: c).ConfigureAwait(false);
                return Document(response.Body);
            }, ct).ConfigureAwait(false);
            var root = page;
            if (root.TryGetProperty("items"u8, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                reports.AddRange(items.EnumerateArray().Select(Published).OfType<PublishedReport>());
            }

            next = root.TryGetProperty("metadata"u8, out var metadata) && metadata.TryGetProperty("continue"u8, out var more)
                && more.GetString() is { Length: > 0 } value ? value : null;
        }
        while (next is not null);

        return reports;
    }

    /// <summary>The report named <see cref="PolicyReports.Name"/> in <paramref name="ns"/>, whoever's it is, or null.</summary>
    public async Task<PublishedReport?> GetAsync(string ns, CancellationToken ct)
    {
        try
        {
            var found = await CallAsync(async c =>
            {
                using var response = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync(
                    PolicyReports.Group, PolicyReports.Version, ns, PolicyReports.Plural, PolicyReports.Name,
                    customHeaders: MetadataOnly, cancellationToken: c).ConfigureAwait(false);
                return Document(response.Body);
            }, ct).ConfigureAwait(false);
            return Published(found);
        }
        catch (KubeApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task CreateAsync(string ns, JsonObject report, CancellationToken ct) =>
        CallAsync(async c =>
        {
            using var response = await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync(
                report, PolicyReports.Group, PolicyReports.Version, ns, PolicyReports.Plural,
                fieldManager: PolicyReports.Policy, cancellationToken: c).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>Replaces the report in place (same uid); 409 when it changed since <c>metadata.resourceVersion</c> of <paramref name="report"/>.</summary>
    public Task ReplaceAsync(string ns, JsonObject report, CancellationToken ct) =>
        CallAsync(async c =>
        {
            using var response = await client.CustomObjects.ReplaceNamespacedCustomObjectWithHttpMessagesAsync(
                report, PolicyReports.Group, PolicyReports.Version, ns, PolicyReports.Plural, PolicyReports.Name,
                fieldManager: PolicyReports.Policy, cancellationToken: c).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>Deletes <paramref name="report"/> if it is still the version listed (a report made again since is left for the next round).</summary>
    public async Task DeleteAsync(PublishedReport report, CancellationToken ct)
    {
        try
        {
            await CallAsync(async c =>
            {
                using var response = await client.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(
                    PolicyReports.Group, PolicyReports.Version, report.Namespace, PolicyReports.Plural, report.Name,
                    new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = report.ResourceVersion } },
                    cancellationToken: c).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            // Already gone: what deleting was for.
        }
    }

    private Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        _pipeline.ExecuteAsync(options, async c =>
        {
            try
            {
                return await call(c).ConfigureAwait(false);
            }
            catch (HttpOperationException e)
            {
                throw KubeApiFailure.From(e);
            }
        }, ct);

    /// <summary>KubernetesClient hands a body it did not type as a JsonElement.</summary>
    private static JsonElement Document(object? body) =>
        body is JsonElement { ValueKind: JsonValueKind.Object } element ? element : throw new JsonException("the API server sent no JSON object");

    private static PublishedReport? Published(JsonElement item)
    {
        if (!item.TryGetProperty("metadata"u8, out var metadata)
            || Text(metadata, "namespace") is not { } ns || Text(metadata, "name") is not { } name)
        {
            return null;
        }

        var ours = metadata.TryGetProperty("labels"u8, out var labels) && labels.ValueKind == JsonValueKind.Object
            && Text(labels, PolicyReports.ManagedByLabel) == PolicyReports.ManagedBy;
        return new PublishedReport(ns, name, Text(metadata, "resourceVersion") ?? "", ours);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
