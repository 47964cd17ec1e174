using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pinned.Manifests;

/// <summary>
/// Writes one YAML document (its buffered events) as JSON, resolving aliases and merge keys
/// ("&lt;&lt;: *defaults"), and records the line of every node it writes. Refuses what JSON or
/// Kubernetes cannot hold: duplicate keys (which one would the API server keep?), non-scalar
/// keys, undefined or recursive aliases, and alias expansion past a budget ("billion laughs").
/// </summary>
internal sealed class YamlJsonWriter
{
    private readonly Stack<HashSet<string>> _keySets = new();
    private YamlEventBuffer _events = null!;
    private Utf8JsonWriter _writer = null!;
    private NodeLineMap _lines = null!;
    private bool[] _active = new bool[256];
    private int _lineOffset;
    private long _budget;

    /// <param name="lineOffset">Added to the parser's line numbers: the stream line before the chunk began.</param>
    public void Write(YamlEventBuffer events, Utf8JsonWriter writer, NodeLineMap lines, int lineOffset)
    {
        _events = events;
        _writer = writer;
        _lines = lines;
        _lineOffset = lineOffset;
        _budget = Math.Max(1_000_000L, events.Count * 10L);
        if (_active.Length < events.Count)
        {
            _active = new bool[Math.Max(events.Count, _active.Length * 2)];
        }

        WriteNode(0, 0, null, -1);
    }

    private int LineOf(int index) => _lineOffset + (int)_events[index].Start.Line;

    private void WriteNode(int index, int depth, string? key, int position)
    {
        if (--_budget < 0)
        {
            throw new ManifestFormatException(LineOf(index), "aliases expand to too many nodes");
        }

        var node = _events[index];
        if (node is AnchorAlias alias)
        {
            WriteNode(Resolve(index, alias), depth, key, position);
            return;
        }

        int entry = _lines.Add(depth, key, position, LineOf(index));
        switch (node)
        {
            case Scalar scalar:
                YamlScalars.Write(_writer, scalar);
                break;
            case SequenceStart:
                _active[index] = true;
                _writer.WriteStartArray();
                int item = 0;
                for (int i = index + 1; _events[i] is not SequenceEnd; i = _events.End(i))
                {
                    WriteNode(i, depth + 1, null, item++);
                }

                _writer.WriteEndArray();
                _active[index] = false;
                _lines.Close(entry);
                break;
            case MappingStart:
                _active[index] = true;
                WriteMapping(index, depth);
                _active[index] = false;
                _lines.Close(entry);
                break;
            default:
                throw new ManifestFormatException(LineOf(index), $"unexpected YAML event {node.GetType().Name}");
        }
    }

    private void WriteMapping(int index, int depth)
    {
        _writer.WriteStartObject();
        if (HasMergeKey(index))
        {
            foreach (var (key, valueIndex) in MergedEntries(index))
            {
                _writer.WritePropertyName(key);
                WriteNode(valueIndex, depth + 1, key, -1);
            }
        }
        else
        {
            var seen = _keySets.Count > 0 ? _keySets.Pop() : new HashSet<string>(StringComparer.Ordinal);
            try
            {
                for (int i = index + 1; _events[i] is not MappingEnd; i = _events.End(_events.End(i)))
                {
                    var key = KeyText(i);
                    if (!seen.Add(key))
                    {
                        throw new ManifestFormatException(LineOf(i), $"duplicate key '{key}' in a mapping");
                    }

                    _writer.WritePropertyName(key);
                    WriteNode(_events.End(i), depth + 1, key, -1);
                }
            }
            finally
            {
                seen.Clear();
                _keySets.Push(seen);
            }
        }

        _writer.WriteEndObject();
    }

    private bool HasMergeKey(int mapping)
    {
        for (int i = mapping + 1; _events[i] is not MappingEnd; i = _events.End(_events.End(i)))
        {
            if (IsMergeKey(i))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsMergeKey(int index) =>
        _events[index] is Scalar { Value: "<<", Style: ScalarStyle.Plain } key
        && (key.Tag.IsEmpty || key.Tag.Value == "tag:yaml.org,2002:merge");

    /// <summary>
    /// The entries of a mapping with its merge keys applied (YAML merge key spec): its own keys
    /// first, then those of each merged mapping that are not set yet; earlier sources win.
    /// </summary>
    private List<(string Key, int Value)> MergedEntries(int mapping)
    {
        if (--_budget < 0)
        {
            throw new ManifestFormatException(LineOf(mapping), "merge keys expand to too many nodes");
        }

        var result = new List<(string, int)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var merges = new List<int>();
        for (int i = mapping + 1; _events[i] is not MappingEnd; i = _events.End(_events.End(i)))
        {
            if (IsMergeKey(i))
            {
                merges.Add(_events.End(i));
                continue;
            }

            var key = KeyText(i);
            if (!seen.Add(key))
            {
                throw new ManifestFormatException(LineOf(i), $"duplicate key '{key}' in a mapping");
            }

            result.Add((key, _events.End(i)));
        }

        foreach (var source in merges.SelectMany(MergeSources))
        {
            _active[source] = true;
            foreach (var (key, value) in MergedEntries(source))
            {
                if (seen.Add(key))
                {
                    result.Add((key, value));
                }
            }

            _active[source] = false;
        }

        return result;
    }

    private IEnumerable<int> MergeSources(int value)
    {
        value = Follow(value);
        if (_events[value] is MappingStart)
        {
            return [value];
        }

        if (_events[value] is not SequenceStart)
        {
            throw new ManifestFormatException(LineOf(value), "a merge key ('<<') takes a mapping or a list of mappings");
        }

        var sources = new List<int>();
        for (int i = value + 1; _events[i] is not SequenceEnd; i = _events.End(i))
        {
            int source = Follow(i);
            if (_events[source] is not MappingStart)
            {
                throw new ManifestFormatException(LineOf(i), "a merge key ('<<') list may hold only mappings");
            }

            sources.Add(source);
        }

        return sources;
    }

    private string KeyText(int index) => _events[Follow(index)] switch
    {
        Scalar scalar => scalar.Value,
        _ => throw new ManifestFormatException(LineOf(index), "a mapping key must be a plain value, not a list or a mapping"),
    };

    private int Follow(int index) => _events[index] is AnchorAlias alias ? Resolve(index, alias) : index;

    private int Resolve(int index, AnchorAlias alias)
    {
        int target = _events.AliasTarget(index);
        if (target < 0)
        {
            throw new ManifestFormatException(LineOf(index), $"alias '*{alias.Value}' refers to no anchor defined before it");
        }

        if (_active[target])
        {
            throw new ManifestFormatException(LineOf(index), $"alias '*{alias.Value}' refers to a node that contains it");
        }

        return target;
    }
}
