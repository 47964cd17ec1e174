namespace Pinned.Audit;

/// <summary>
/// The pins the whole audited scope agrees on: an unpinned image written the same way whose
/// every pod, under every owner, runs one digest. An image that runs as several digests anywhere
/// has no pin (the drift findings say where): choosing one would be a guess.
/// </summary>
internal static class ClusterPins
{
    public static IReadOnlyList<KnownPin> From(IEnumerable<RunningImages?> groups)
    {
        var digests = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (group is null)
            {
                continue;
            }

            foreach (var pin in group.Pins().Concat(group.Drift()
                .Where(d => d.Kind == DriftKind.TagOnSeveralDigests)
                .SelectMany(d => d.Running.Select(r => new KnownPin(d.Image, r.Digest, r.Pods)))))
            {
                if (!digests.TryGetValue(pin.Image, out var byDigest))
                {
                    digests[pin.Image] = byDigest = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                byDigest[pin.Digest] = byDigest.GetValueOrDefault(pin.Digest) + pin.Pods;
            }
        }

        return [.. digests
            .Where(d => d.Value.Count == 1)
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => new KnownPin(d.Key, d.Value.Keys.First(), d.Value.Values.First()))];
    }
}
