using YamlDotNet.Core.Events;

namespace Pinned.Manifests;

/// <summary>
/// Resolves YAML merge keys ("&lt;&lt;: *defaults", "&lt;&lt;: [*a, *b]", or an inline mapping) as
/// the YAML merge key spec reads them: the mapping's own keys first, then those of each merged
/// mapping that are not set yet, earlier sources winning; merged mappings may merge in turn.
/// </summary>
internal sealed class YamlMergeKeys(YamlNodes nodes)
{
    public bool HasMergeKey(int mapping) => nodes.Keys(mapping).Any(nodes.IsMergeKey);

    /// <summary>(key, value event index) of every entry the mapping ends up with.</summary>
    public List<(string Key, int Value)> Entries(int mapping)
    {
        nodes.Spend(mapping);
        var result = new List<(string, int)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var merges = new List<int>();
        foreach (var key in nodes.Keys(mapping))
        {
            if (nodes.IsMergeKey(key))
            {
                merges.Add(nodes.End(key));
                continue;
            }

            var text = nodes.KeyText(key);
            if (!seen.Add(text))
            {
                throw new ManifestFormatException(nodes.LineOf(key), $"duplicate key '{text}' in a mapping");
            }

            result.Add((text, nodes.End(key)));
        }

        foreach (var source in merges.SelectMany(Sources))
        {
            nodes.Enter(source);
            foreach (var (key, value) in Entries(source))
            {
                if (seen.Add(key))
                {
                    result.Add((key, value));
                }
            }

            nodes.Leave(source);
        }

        return result;
    }

    private List<int> Sources(int value)
    {
        value = nodes.Follow(value);
        if (nodes[value] is MappingStart)
        {
            return [value];
        }

        if (nodes[value] is not SequenceStart)
        {
            throw new ManifestFormatException(nodes.LineOf(value), "a merge key ('<<') takes a mapping or a list of mappings");
        }

        var sources = new List<int>();
        for (int i = value + 1; nodes[i] is not SequenceEnd; i = nodes.End(i))
        {
            int source = nodes.Follow(i);
            if (nodes[source] is not MappingStart)
            {
                throw new ManifestFormatException(nodes.LineOf(i), "a merge key ('<<') list may hold only mappings");
            }

            sources.Add(source);
        }

        return sources;
    }
}
