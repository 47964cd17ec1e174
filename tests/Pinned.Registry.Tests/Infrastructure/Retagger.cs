using Pinned.Pinning;
using Pinned.Policy;

namespace Pinned.Registry.Tests.Infrastructure;

/// <summary>
/// Moves a manifest's unpinned images onto the local registry, keeping path and tag
/// ("nginx:1.27" → "127.0.0.1:5000/rt1234/library/nginx:1.27"), and pushes an image for each, so
/// that pinning can run against real registry answers. Pinned and invalid references stay.
/// </summary>
public sealed class Retagger(string registry, string @namespace)
{
    /// <summary>"path:tag" on the local registry → digest pushed for it.</summary>
    public Dictionary<string, string> Pushed { get; } = new(StringComparer.Ordinal);

    public string Retag(string text)
    {
        var result = text;
        foreach (var scalar in ManifestImageLocator.Locate(text).OrderByDescending(s => s.Start))
        {
            if (!ImageReference.TryParse(scalar.Value, out var reference, out _) || reference.HasDigest)
            {
                continue;
            }
            var moved = $"{registry}/{@namespace}/{reference.Path}" + (reference.Tag is { } tag ? ":" + tag : "");
            var token = result[scalar.Start..scalar.End];
            var replacement = token[0] is '"' or '\'' ? token[0] + moved + token[^1] : moved;
            result = result[..scalar.Start] + replacement + result[scalar.End..];
        }
        return result;
    }

    /// <summary>Pushes one image per distinct retagged repository and tag.</summary>
    public async Task PushAllAsync(IEnumerable<string> texts, ImagePusher pusher)
    {
        foreach (var value in texts.SelectMany(ManifestImageLocator.Locate).Select(s => s.Value).Distinct())
        {
            if (!ImageReference.TryParse(value, out var reference, out _) || reference.HasDigest ||
                reference.Domain != registry)
            {
                continue;
            }
            var key = $"{reference.Path}:{reference.Tag ?? "latest"}";
            if (!Pushed.ContainsKey(key))
            {
                Pushed[key] = await pusher.PushImageAsync(reference.Path, reference.Tag ?? "latest");
            }
        }
    }
}
