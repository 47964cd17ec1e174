using System.Text.Json;
using Polly;
using Pinned.Policy;

namespace Pinned.Audit;

/// <summary>
/// Lists one kind in pages of <see cref="ClusterReadOptions.PageSize"/> with <c>limit</c> and
/// <c>continue</c>, each page within the resilience pipeline. A 410 (the continue token expired)
/// restarts the list from the start, and items already passed on (by uid) are skipped, so that a
/// restart neither loses nor repeats an object.
/// </summary>
internal sealed class KindLister(IKubeApi api, ResiliencePipeline pipeline, ClusterReadOptions options)
{
    /// <summary>Lists <paramref name="kind"/> in <paramref name="namespace"/> (null: all) and returns how many objects it passed on.</summary>
    public async Task<int> ListAsync(string kind, WorkloadResource resource, string? @namespace, IClusterObjectSink sink,
        Action<int>? progress, CancellationToken cancellationToken)
    {
        var basePath = @namespace is null
            ? $"{resource.ApiPrefix}/{resource.Plural}"
            : $"{resource.ApiPrefix}/namespaces/{KubeApi.Escape(@namespace)}/{resource.Plural}";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int passed = 0, restarts = 0;
        string? continueToken = null;
        while (true)
        {
            var path = $"{basePath}?limit={KubeApi.Number(options.PageSize)}"
                + (continueToken is null ? string.Empty : "&continue=" + KubeApi.Escape(continueToken));
            JsonDocument page;
            try
            {
                page = await pipeline.ExecuteAsync(options, ct => api.GetAsync(path, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.IsExpired && continueToken is not null && restarts < options.MaxRestarts)
            {
                restarts++;
                continueToken = null;
                continue;
            }

            using (page)
            {
                var root = page.RootElement;
                if (root.TryGetProperty("items"u8, out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray())
                    {
                        if (Uid(item) is not { } uid || seen.Add(uid))
                        {
                            sink.Object(kind, item);
                            passed++;
                        }
                    }
                }

                continueToken = Continue(root);
                progress?.Invoke(passed);
            }

            if (continueToken is null)
            {
                return passed;
            }
        }
    }

    private static string? Uid(JsonElement item) =>
        item.TryGetProperty("metadata"u8, out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("uid"u8, out var uid) && uid.ValueKind == JsonValueKind.String
            ? uid.GetString()
            : null;

    private static string? Continue(JsonElement root) =>
        root.TryGetProperty("metadata"u8, out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("continue"u8, out var token) && token.ValueKind == JsonValueKind.String
        && token.GetString() is { Length: > 0 } text
            ? text
            : null;
}
