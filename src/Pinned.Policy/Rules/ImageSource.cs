namespace Pinned.Policy;

/// <summary>One place a pod spec names an image: a container's image or an image volume's reference.</summary>
internal readonly record struct ImageSource(string? Image, ContainerView? Container, VolumeView? Volume)
{
    public string Path(string specPath) =>
        Container is not null ? Container.ImagePath(specPath) : Volume!.ImageReferencePath(specPath);

    /// <summary>Every image of a pod spec: containers, init, ephemeral, then image volumes.</summary>
    public static IEnumerable<ImageSource> All(PodSpecView pod)
    {
        foreach (var container in pod.Containers)
        {
            yield return new ImageSource(container.Image, container, null);
        }

        foreach (var volume in pod.Volumes)
        {
            if (volume.IsImage)
            {
                yield return new ImageSource(volume.ImageReference, null, volume);
            }
        }
    }
}
