using Pinned.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pinned.Pinning;

/// <summary>
/// Finds the image scalars of a YAML (multi-document) or JSON manifest with the parser's
/// positions: <c>image</c> of containers, initContainers and ephemeralContainers, and
/// <c>volumes[].image.reference</c>, under the pod spec path of each kind (SPEC §2), also inside
/// <c>List</c> kinds. Objects of other kinds are skipped. Throws <see cref="YamlException"/> on
/// text that is not YAML or JSON.
/// </summary>
internal static class ManifestImageLocator
{
    private static readonly string[] ContainerGroups = ["containers", "initContainers", "ephemeralContainers"];

    public static IReadOnlyList<ImageScalar> Locate(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var found = new List<ImageScalar>();
        var multiDocument = stream.Documents.Count > 1;
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            if (stream.Documents[i].RootNode is YamlMappingNode root)
            {
                VisitObject(root, multiDocument ? $"[doc {i}] " : "", kindOverride: null, found);
            }
        }
        // An alias repeats its anchor's node: splice each scalar once.
        return [.. found.DistinctBy(s => s.Start).OrderBy(s => s.Start)];
    }

    private static void VisitObject(YamlMappingNode obj, string prefix, string? kindOverride, List<ImageScalar> found)
    {
        var kind = Scalar(obj, "kind") ?? kindOverride;
        if (kind is not null && kind.EndsWith("List", StringComparison.Ordinal) && Child(obj, "items") is YamlSequenceNode items)
        {
            // kubectl's "List" items carry their kind; a typed list's (PodList) items do not.
            var itemKind = kind == "List" ? null : kind[..^"List".Length];
            for (var i = 0; i < items.Children.Count; i++)
            {
                if (items.Children[i] is YamlMappingNode item)
                {
                    VisitObject(item, $"{prefix}items[{i}].", itemKind, found);
                }
            }
            return;
        }
        if (WorkloadKinds.PodSpecPath(kind) is not { } path)
        {
            return;
        }
        YamlNode? node = obj;
        foreach (var field in path)
        {
            node = node is YamlMappingNode mapping ? Child(mapping, field) : null;
        }
        if (node is YamlMappingNode spec)
        {
            VisitPodSpec(spec, prefix + string.Join('.', path), found);
        }
    }

    private static void VisitPodSpec(YamlMappingNode spec, string specPath, List<ImageScalar> found)
    {
        foreach (var group in ContainerGroups)
        {
            if (Child(spec, group) is YamlSequenceNode containers)
            {
                for (var i = 0; i < containers.Children.Count; i++)
                {
                    if (containers.Children[i] is YamlMappingNode container && Child(container, "image") is YamlScalarNode image)
                    {
                        Add(image, $"{specPath}.{group}[{i}].image", found);
                    }
                }
            }
        }
        if (Child(spec, "volumes") is YamlSequenceNode volumes)
        {
            for (var i = 0; i < volumes.Children.Count; i++)
            {
                if (volumes.Children[i] is YamlMappingNode volume && Child(volume, "image") is YamlMappingNode source &&
                    Child(source, "reference") is YamlScalarNode reference)
                {
                    Add(reference, $"{specPath}.volumes[{i}].image.reference", found);
                }
            }
        }
    }

    private static void Add(YamlScalarNode scalar, string path, List<ImageScalar> found)
    {
        // A YAML null (image: , image: ~) is no reference to pin.
        if (scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null")
        {
            return;
        }
        found.Add(new ImageScalar(scalar.Value ?? "", (int)scalar.Start.Index, (int)scalar.End.Index, scalar.Style,
                                  (int)scalar.Start.Line, (int)scalar.Start.Column, path));
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode mapping, string key) => (Child(mapping, key) as YamlScalarNode)?.Value;
}
