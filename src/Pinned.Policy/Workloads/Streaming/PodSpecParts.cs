namespace Pinned.Policy;

/// <summary>What a streamed pod spec object held: one list per container group (null: absent or not an array) and the volumes.</summary>
internal sealed class PodSpecParts
{
    public List<ContainerView>? Containers { get; set; }

    public List<ContainerView>? InitContainers { get; set; }

    public List<ContainerView>? EphemeralContainers { get; set; }

    public List<VolumeView>? Volumes { get; set; }

    /// <summary>The view WorkloadDecoder.DecodePodSpec builds: containers group by group, in document order within each.</summary>
    public PodSpecView ToView(string specPath, DecodedObject owner)
    {
        if (owner.TranscodeFailure is not null)
        {
            CheckTranscoded(owner);
        }

        IReadOnlyList<ContainerView> containers = (Containers, InitContainers, EphemeralContainers) switch
        {
            (null, null, null) => [],
            ({ } only, null, null) => only,
            (null, { } only, null) => only,
            (null, null, { } only) => only,
            _ => [.. Containers ?? [], .. InitContainers ?? [], .. EphemeralContainers ?? []],
        };
        return new PodSpecView(specPath, containers, Volumes is { Count: > 0 } ? Volumes : []);
    }

    /// <summary>Throws if a string the view holds could not be transcoded, as WorkloadDecoder would have while reading it.</summary>
    private void CheckTranscoded(DecodedObject owner)
    {
        foreach (var container in (IEnumerable<ContainerView>)[.. Containers ?? [], .. InitContainers ?? [], .. EphemeralContainers ?? []])
        {
            owner.Checked(container.Name);
            owner.Checked(container.Image);
            foreach (var mount in container.Mounts)
            {
                owner.Checked(mount.Name);
            }
        }

        foreach (var volume in Volumes ?? [])
        {
            owner.Checked(volume.Name);
            owner.Checked(volume.HostPath);
            owner.Checked(volume.ImageReference);
        }
    }
}
