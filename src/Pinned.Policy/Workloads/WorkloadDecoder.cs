using System.Text.Json;

namespace Pinned.Policy;

/// <summary>
/// Reads only what the rules need out of a Kubernetes object. Measured against deserialising a
/// full V1Pod with KubernetesClient's models, walking the JsonElement allocates a small fraction
/// (no model objects for fields the policy never reads), which is what keeps a review under its
/// allocation budget. <c>pinned serve</c> decodes reviews without a DOM (<see cref="StreamingWorkloadReader"/>,
/// which must yield exactly what this does); this one serves <c>pinned check</c> and the conformance suite.
/// </summary>
public static class WorkloadDecoder
{
    public static Workload Decode(JsonElement obj, string? kind = null)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return new Workload(kind, null, null, null, null);
        }

        kind ??= StringProperty(obj, "kind"u8);
        var apiVersion = StringProperty(obj, "apiVersion"u8);
        string? name = null, ns = null;
        if (obj.TryGetProperty("metadata"u8, out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            name = StringProperty(metadata, "name"u8);
            ns = StringProperty(metadata, "namespace"u8);
        }

        var podSpec = WorkloadKinds.TryGetLocation(kind, out var utf8Path, out var pathText)
            ? DecodePodSpec(Navigate(obj, utf8Path), pathText)
            : null;
        return new Workload(kind, apiVersion, name, ns, podSpec);
    }

    /// <summary>Reads a pod spec element; a missing or malformed spec reads as an empty one.</summary>
    public static PodSpecView DecodePodSpec(JsonElement spec, string specPath)
    {
        if (spec.ValueKind != JsonValueKind.Object)
        {
            return new PodSpecView(specPath, [], []);
        }

        var containers = new List<ContainerView>();
        AddContainers(spec, "containers"u8, ContainerGroup.Containers, containers);
        AddContainers(spec, "initContainers"u8, ContainerGroup.InitContainers, containers);
        AddContainers(spec, "ephemeralContainers"u8, ContainerGroup.EphemeralContainers, containers);
        return new PodSpecView(specPath, containers, ReadVolumes(spec));
    }

    private static JsonElement Navigate(JsonElement obj, byte[][] path)
    {
        var current = obj;
        foreach (var field in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(field.AsSpan(), out current))
            {
                return default;
            }
        }

        return current;
    }

    private static void AddContainers(JsonElement spec, ReadOnlySpan<byte> field, ContainerGroup group, List<ContainerView> into)
    {
        if (!spec.TryGetProperty(field, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        int index = 0;
        foreach (var container in list.EnumerateArray())
        {
            into.Add(container.ValueKind == JsonValueKind.Object
                ? new ContainerView(group, index, StringProperty(container, "name"u8), ImageOf(container), ReadMounts(container))
                : new ContainerView(group, index, null, null, []));
            index++;
        }
    }

    /// <summary>A non-string image (a number, say) is kept as its JSON text so that it is judged, not skipped.</summary>
    private static string? ImageOf(JsonElement container) =>
        container.TryGetProperty("image"u8, out var image)
            ? image.ValueKind switch
            {
                JsonValueKind.String => image.GetString(),
                JsonValueKind.Null => null,
                _ => image.GetRawText(),
            }
            : null;

    private static IReadOnlyList<VolumeMountView> ReadMounts(JsonElement container)
    {
        if (!container.TryGetProperty("volumeMounts"u8, out var mounts) || mounts.ValueKind != JsonValueKind.Array
            || mounts.GetArrayLength() == 0)
        {
            return [];
        }

        var result = new List<VolumeMountView>(mounts.GetArrayLength());
        foreach (var mount in mounts.EnumerateArray())
        {
            if (mount.ValueKind == JsonValueKind.Object)
            {
                bool readOnly = mount.TryGetProperty("readOnly"u8, out var ro) && ro.ValueKind == JsonValueKind.True;
                result.Add(new VolumeMountView(StringProperty(mount, "name"u8), readOnly));
            }
        }

        return result;
    }

    private static IReadOnlyList<VolumeView> ReadVolumes(JsonElement spec)
    {
        if (!spec.TryGetProperty("volumes"u8, out var volumes) || volumes.ValueKind != JsonValueKind.Array
            || volumes.GetArrayLength() == 0)
        {
            return [];
        }

        var result = new List<VolumeView>(volumes.GetArrayLength());
        int index = 0;
        foreach (var volume in volumes.EnumerateArray())
        {
            if (volume.ValueKind == JsonValueKind.Object)
            {
                result.Add(new VolumeView(index, StringProperty(volume, "name"u8), HostPathOf(volume), ImageVolumeOf(volume)));
            }

            index++;
        }

        return result;
    }

    private static string? HostPathOf(JsonElement volume) =>
        volume.TryGetProperty("hostPath"u8, out var hostPath) && hostPath.ValueKind != JsonValueKind.Null
            ? (hostPath.ValueKind == JsonValueKind.Object ? StringProperty(hostPath, "path"u8) : null) ?? string.Empty
            : null;

    private static string? ImageVolumeOf(JsonElement volume) =>
        volume.TryGetProperty("image"u8, out var image) && image.ValueKind == JsonValueKind.Object
            ? StringProperty(image, "reference"u8) ?? string.Empty
            : null;

    private static string? StringProperty(JsonElement obj, ReadOnlySpan<byte> name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
