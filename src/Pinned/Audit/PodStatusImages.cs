using System.Text.Json;
using Pinned.Policy;

namespace Pinned.Audit;

/// <summary>
/// Reads from a pod what it runs: for each container status (containers, init and ephemeral) the
/// image its spec names, with the digest of <c>imageID</c>. The spec's image is used, not the
/// status's (which the runtime may normalise): it is what a person wrote and would pin.
/// </summary>
internal static class PodStatusImages
{
    public static IReadOnlyCollection<(string Image, string Digest)> Read(JsonElement pod, PodSpecView spec)
    {
        if (!pod.TryGetProperty("status"u8, out var status) || status.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var running = new List<(string, string)>();
        Add(status, "containerStatuses"u8, ContainerGroup.Containers, spec, running);
        Add(status, "initContainerStatuses"u8, ContainerGroup.InitContainers, spec, running);
        Add(status, "ephemeralContainerStatuses"u8, ContainerGroup.EphemeralContainers, spec, running);
        return running;
    }

    private static void Add(JsonElement status, ReadOnlySpan<byte> field, ContainerGroup group, PodSpecView spec, List<(string, string)> into)
    {
        if (!status.TryGetProperty(field, out var statuses) || statuses.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var container in statuses.EnumerateArray())
        {
            if (container.ValueKind != JsonValueKind.Object || ImageIdDigest.Parse(String(container, "imageID"u8)) is not { } digest)
            {
                continue;
            }

            var name = String(container, "name"u8);
            var image = spec.Containers.FirstOrDefault(c => c.Group == group && c.Name == name)?.Image ?? String(container, "image"u8);
            if (image is not null)
            {
                into.Add((image, digest));
            }
        }
    }

    private static string? String(JsonElement obj, ReadOnlySpan<byte> name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
