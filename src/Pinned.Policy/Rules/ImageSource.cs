namespace Pinned.Policy;

/// <summary>One place a pod spec names an image: a container's image or an image volume's reference.</summary>
internal readonly record struct ImageSource(string? Image, ContainerView? Container, VolumeView? Volume)
{
    public string Path(string specPath) =>
        Container is not null ? Container.ImagePath(specPath) : Volume!.ImageReferencePath(specPath);

    /// <summary>Every image of a pod spec: containers, init, ephemeral, then image volumes.</summary>
    public static Enumerable All(PodSpecView pod) => new(pod);

    /// <summary>A struct enumeration with index loops: judging a pod allocates nothing to walk it.</summary>
    public readonly struct Enumerable(PodSpecView pod)
    {
        public Enumerator GetEnumerator() => new(pod);
    }

    public struct Enumerator(PodSpecView pod)
    {
        private int _container = -1;
        private int _volume = -1;

        public ImageSource Current { get; private set; }

        public bool MoveNext()
        {
            if (++_container < pod.Containers.Count)
            {
                var container = pod.Containers[_container];
                Current = new ImageSource(container.Image, container, null);
                return true;
            }

            _container = pod.Containers.Count;
            while (++_volume < pod.Volumes.Count)
            {
                var volume = pod.Volumes[_volume];
                if (volume.IsImage)
                {
                    Current = new ImageSource(volume.ImageReference, null, volume);
                    return true;
                }
            }

            _volume = pod.Volumes.Count;
            return false;
        }
    }
}
