namespace Pinned.Policy;

/// <summary>mutable-tag: an image without a digest must not use a missing tag (implicit latest) or a listed mutable tag.</summary>
internal sealed class MutableTagRule(MutableTagOptions options) : IPodRule
{
    private readonly ImageExemptions _exemptions = new(options.ExemptImages);

    public string Id => RuleIds.MutableTag;

    public RuleAction Action => options.Action;

    public void Evaluate(PodSpecView pod, ReadOnlySpan<ParsedImage> images, RuleAction action, ref List<Violation>? into)
    {
        foreach (ref readonly var image in images)
        {
            var (source, reference) = (image.Source, image.Reference);

            // Invalid references belong to image-digest alone; a digest makes any tag harmless.
            if (!image.IsValid || reference.HasDigest)
            {
                continue;
            }

            if (reference.HasTag && !IsMutable(reference.TagSpan))
            {
                continue;
            }

            if (_exemptions.Covers(reference))
            {
                continue;
            }

            var message = reference.HasTag
                ? $"image '{source.Image}' uses the mutable tag '{reference.Tag}'"
                : $"image '{source.Image}' has no tag, so it runs whatever 'latest' points to";
            (into ??= []).Add(new Violation(Id, source.Path(pod.SpecPath), source.Image, message,
                "pin the image by digest (pinned pin), or at least use a version tag", action));
        }
    }

    private bool IsMutable(ReadOnlySpan<char> tag)
    {
        var mutableTags = options.MutableTags;
        for (int i = 0; i < mutableTags.Count; i++)
        {
            if (tag.Equals(mutableTags[i], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
