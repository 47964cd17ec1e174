using Pinned.Policy;

namespace Pinned.Audit;

/// <summary>
/// What the pods of one owner (or one bare pod) run: for each image as the spec writes it, the
/// digests the runtime resolved (pod status) and on how many pods. Holds strings and counts only.
/// </summary>
internal sealed class RunningImages
{
    private readonly Dictionary<string, Dictionary<string, int>> _byImage = new(StringComparer.Ordinal);

    public bool IsEmpty => _byImage.Count == 0;

    /// <summary>Counts one pod's (image, digest) pairs, each pair once however many containers share it.</summary>
    public void AddPod(IReadOnlyCollection<(string Image, string Digest)> running)
    {
        foreach (var (image, digest) in running.Distinct())
        {
            if (!_byImage.TryGetValue(image, out var digests))
            {
                _byImage[image] = digests = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            digests[digest] = digests.GetValueOrDefault(digest) + 1;
        }
    }

    public IEnumerable<(string Image, IReadOnlyList<DigestPods> Running)> Images =>
        _byImage.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => (i.Key, (IReadOnlyList<DigestPods>)[..
            i.Value.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => new DigestPods(d.Key, d.Value))]));

    /// <summary>One tag on several digests; a pinned image running another digest.</summary>
    public IReadOnlyList<DriftFinding> Drift()
    {
        var drift = new List<DriftFinding>();
        foreach (var (image, running) in Images)
        {
            if (!ImageReference.TryParse(image, out var reference, out _))
            {
                continue;
            }

            if (reference.Digest is { } pinned)
            {
                if (running.Any(r => r.Digest != pinned))
                {
                    drift.Add(new DriftFinding(DriftKind.PinnedButDifferent, image, running));
                }
            }
            else if (running.Count > 1)
            {
                drift.Add(new DriftFinding(DriftKind.TagOnSeveralDigests, image, running));
            }
        }

        return drift;
    }

    /// <summary>Unpinned images that run one digest on every pod: the pin the cluster already knows.</summary>
    public IReadOnlyList<KnownPin> Pins() =>
        [.. Images
            .Where(i => i.Running.Count == 1 && ImageReference.TryParse(i.Image, out var reference, out _) && !reference.HasDigest)
            .Select(i => new KnownPin(i.Image, i.Running[0].Digest, i.Running[0].Pods))];
}
