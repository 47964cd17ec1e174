namespace Pinned.Policy;

/// <summary>
/// host-path: a hostPath volume is allowed only under an allowedHostPaths prefix; an entry with
/// readOnly: true also requires every mount of the volume, in every container, to be read-only.
/// </summary>
internal sealed class HostPathRule(HostPathOptions options) : IPodRule
{
    private readonly HostPathMatcher _matcher = new(options.AllowedHostPaths);

    public string Id => RuleIds.HostPath;

    public RuleAction Action => options.Action;

    public void Evaluate(PodSpecView pod, ReadOnlySpan<ParsedImage> images, RuleAction action, ref List<Violation>? into)
    {
        for (int i = 0; i < pod.Volumes.Count; i++)
        {
            var volume = pod.Volumes[i];
            if (!volume.IsHostPath)
            {
                continue;
            }

            var allowed = _matcher.Match(volume.HostPath!);
            if (allowed is null)
            {
                (into ??= []).Add(new Violation(Id, volume.Path(pod.SpecPath), null,
                    $"volume '{volume.Name}' mounts host path '{volume.HostPath}', which no allowedHostPaths entry permits",
                    "ship what the container needs in its image, or use a configMap, secret, emptyDir or persistentVolumeClaim",
                    action));
            }
            else if (allowed.ReadOnly && FirstWritableMount(pod, volume.Name) is { } writer)
            {
                (into ??= []).Add(new Violation(Id, volume.Path(pod.SpecPath), null,
                    $"volume '{volume.Name}' mounts host path '{volume.HostPath}', allowed only read-only, but {writer} mounts it writable",
                    "set readOnly: true on every volumeMount of this volume",
                    action));
            }
        }
    }

    private static string? FirstWritableMount(PodSpecView pod, string? volumeName)
    {
        for (int c = 0; c < pod.Containers.Count; c++)
        {
            var container = pod.Containers[c];
            for (int m = 0; m < container.Mounts.Count; m++)
            {
                var mount = container.Mounts[m];
                if (!mount.ReadOnly && string.Equals(mount.Name, volumeName, StringComparison.Ordinal))
                {
                    return $"{container.Group.FieldName()}[{container.Index}] ('{container.Name}')";
                }
            }
        }

        return null;
    }
}
