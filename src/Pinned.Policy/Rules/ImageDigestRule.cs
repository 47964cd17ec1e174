namespace Pinned.Policy;

/// <summary>image-digest: every image must be a valid reference pinned by digest.</summary>
internal sealed class ImageDigestRule(ImageDigestOptions options) : IPodRule
{
    private readonly ImageExemptions _exemptions = new(options.ExemptImages);

    public string Id => RuleIds.ImageDigest;

    public RuleAction Action => options.Action;

    public void Evaluate(PodSpecView pod, ReadOnlySpan<ParsedImage> images, RuleAction action, ref List<Violation>? into)
    {
        foreach (ref readonly var image in images)
        {
            var (source, reference, error) = (image.Source, image.Reference, image.Error);
            if (!image.IsValid)
            {
                (into ??= []).Add(new Violation(Id, source.Path(pod.SpecPath), source.Image,
                    $"image '{source.Image}' is not a valid reference: {error.Message}",
                    "write a valid reference pinned by digest, e.g. registry.example.com/app@sha256:<64 hex digits>",
                    action));
            }
            else if (!reference.HasDigest && !_exemptions.Covers(reference))
            {
                (into ??= []).Add(new Violation(Id, source.Path(pod.SpecPath), source.Image,
                    $"image '{source.Image}' is not pinned by digest, so the registry can change what it runs",
                    $"pin it with 'pinned pin', or write {source.Image}@sha256:<digest>",
                    action));
            }
        }
    }
}
