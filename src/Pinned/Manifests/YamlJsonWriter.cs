using System.Text.Json;
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
    private readonly YamlNodes _nodes = new();
    private readonly YamlMergeKeys _merges;
    private Utf8JsonWriter _writer = null!;
    private NodeLineMap _lines = null!;
    private int _skip = -1;

    public YamlJsonWriter() => _merges = new YamlMergeKeys(_nodes);

    /// <param name="lineOffset">Added to the parser's line numbers: the stream line before the chunk began.</param>
    /// <param name="root">The node to write: the document's root, or an item handed out while loading.</param>
    /// <param name="skip">A node written as an empty list: the "items" already handed out one by one.</param>
    public void Write(YamlEventBuffer events, Utf8JsonWriter writer, NodeLineMap lines, int lineOffset, int root = 0, int skip = -1)
    {
        _nodes.Reset(events, lineOffset);
        _writer = writer;
        _lines = lines;
        _skip = skip;
        var ancestors = root == 0 ? [] : events.OpenContainers.ToArray();
        foreach (var ancestor in ancestors)
        {
            _nodes.Enter(ancestor); // an alias inside an item to a node that contains it is recursive
        }

        try
        {
            WriteNode(root, 0, null, -1);
        }
        finally
        {
            foreach (var ancestor in ancestors)
            {
                _nodes.Leave(ancestor);
            }
        }
    }

    private void WriteNode(int index, int depth, string? key, int position)
    {
        _nodes.Spend(index);
        var node = _nodes[index];
        if (node is AnchorAlias alias)
        {
            WriteNode(_nodes.Resolve(index, alias), depth, key, position);
            return;
        }

        int entry = _lines.Add(depth, key, position, _nodes.LineOf(index));
        if (index == _skip)
        {
            _writer.WriteStartArray();
            _writer.WriteEndArray();
            return;
        }

        switch (node)
        {
            case Scalar scalar:
                YamlScalars.Write(_writer, scalar);
                return;
            case SequenceStart:
                _nodes.Enter(index);
                _writer.WriteStartArray();
                int item = 0;
                for (int i = index + 1; _nodes[i] is not SequenceEnd; i = _nodes.End(i))
                {
                    WriteNode(i, depth + 1, null, item++);
                }

                _writer.WriteEndArray();
                break;
            case MappingStart:
                _nodes.Enter(index);
                WriteMapping(index, depth);
                break;
            default:
                throw new ManifestFormatException(_nodes.LineOf(index), $"unexpected YAML event {node.GetType().Name}");
        }

        _nodes.Leave(index);
        _lines.Close(entry);
    }

    private void WriteMapping(int index, int depth)
    {
        _writer.WriteStartObject();
        if (_merges.HasMergeKey(index))
        {
            foreach (var (key, value) in _merges.Entries(index))
            {
                _writer.WritePropertyName(key);
                WriteNode(value, depth + 1, key, -1);
            }
        }
        else
        {
            // The common case, without merge keys: no list of entries, one pooled set to catch duplicates.
            var seen = _keySets.Count > 0 ? _keySets.Pop() : new HashSet<string>(StringComparer.Ordinal);
            try
            {
                foreach (var keyIndex in _nodes.Keys(index))
                {
                    var key = _nodes.KeyText(keyIndex);
                    if (!seen.Add(key))
                    {
                        throw new ManifestFormatException(_nodes.LineOf(keyIndex), $"duplicate key '{key}' in a mapping");
                    }

                    _writer.WritePropertyName(key);
                    WriteNode(_nodes.End(keyIndex), depth + 1, key, -1);
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
}
