using System.Text.Json;
using Pinned.Policy;
using Pinned.Registry;

namespace Pinned.Mutation;

/// <summary>
/// Computes the JSONPatch that pins every unpinned image of an admitted object (containers of
/// every group and image volumes, at the kind's pod spec path). On UPDATE, an image the old
/// object already had at the same place is left alone: pinning it now would restart a running
/// container, or roll a Deployment, on an unrelated change such as a label. Images that cannot be
/// resolved are left as written, with a warning saying why; invalid references are left to the
/// validating webhook, which explains them better.
/// </summary>
internal sealed class ImagePinPatcher(IDigestResolver resolver)
{
    public async Task<ImagePatch> CreateAsync(DecodedObject obj, DecodedObject? oldObject, string? kind, CancellationToken cancellationToken)
    {
        if (obj.ToWorkload(kind).PodSpec is not { } pod)
        {
            return ImagePatch.Empty;
        }
        var previous = oldObject is { ValueKind: JsonValueKind.Object } old && old.ToWorkload(kind).PodSpec is { } oldPod
            ? Images(oldPod).ToDictionary(i => i.Path, i => i.Image, StringComparer.Ordinal)
            : [];
        var candidates = new List<(string Path, ImageReference Reference)>();
        foreach (var (path, image) in Images(pod))
        {
            if (previous.TryGetValue(path, out var before) && before == image)
            {
                continue;
            }
            if (ImageReference.TryParse(image, out var reference, out _) && !reference.HasDigest)
            {
                candidates.Add((path, reference));
            }
        }
        if (candidates.Count == 0)
        {
            return ImagePatch.Empty;
        }
        var answers = await Task.WhenAll(candidates.Select(c => resolver.ResolveAsync(c.Reference, cancellationToken)));
        var operations = new List<ImagePatchOperation>();
        var warnings = new List<string>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var (path, reference) = candidates[i];
            if (answers[i].Digest is { } digest)
            {
                operations.Add(new("replace", JsonPointer(path), $"{reference.Original}@{digest}"));
            }
            else
            {
                warnings.Add($"pinned: {path} not pinned: {answers[i].Message}; left as written for validation to judge");
            }
        }
        return new ImagePatch(operations, warnings);
    }

    private static IEnumerable<(string Path, string Image)> Images(PodSpecView pod)
    {
        foreach (var container in pod.Containers)
        {
            if (container.Image is { } image)
            {
                yield return (container.ImagePath(pod.SpecPath), image);
            }
        }
        foreach (var volume in pod.Volumes)
        {
            if (volume.ImageReference is { } image)
            {
                yield return (volume.ImageReferencePath(pod.SpecPath), image);
            }
        }
    }

    /// <summary>"spec.containers[2].image" → "/spec/containers/2/image". Kubernetes field names
    /// hold no '.', '/' or '~', so nothing needs escaping.</summary>
    internal static string JsonPointer(string path) =>
        "/" + path.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace('.', '/');
}
