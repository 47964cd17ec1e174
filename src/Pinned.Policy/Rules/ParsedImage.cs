namespace Pinned.Policy;

/// <summary>
/// An image of the pod with the result of parsing it. The evaluator parses each image once and
/// hands the same parses to image-digest and mutable-tag, which halves the cost of judging a pod.
/// </summary>
internal readonly record struct ParsedImage(ImageSource Source, bool IsValid, ImageReference Reference, ReferenceError Error)
{
    /// <summary>How many entries <see cref="ParseInto"/> may write for this pod.</summary>
    public static int MaxCount(PodSpecView pod) => pod.Containers.Count + pod.Volumes.Count;

    /// <summary>Parses every image of the pod into <paramref name="buffer"/>; returns how many there are.</summary>
    public static int ParseInto(PodSpecView pod, Span<ParsedImage> buffer)
    {
        int count = 0;
        foreach (var source in ImageSource.All(pod))
        {
            bool valid = ImageReference.TryParse(source.Image, out var reference, out var error);
            buffer[count++] = new ParsedImage(source, valid, reference, error);
        }

        return count;
    }
}
