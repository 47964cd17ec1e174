using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pinned.Manifests;

/// <summary>
/// The parser events of one YAML document, indexed so that a node can be skipped over (for the
/// keys of a mapping) and replayed (for an alias). Each alias is bound to the anchor defined
/// before it in document order, as YAML requires, even when the anchor is redefined later.
/// </summary>
internal sealed class YamlEventBuffer
{
    private readonly List<ParsingEvent> _events = [];
    private readonly Dictionary<string, int> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<int> _open = new();
    private int[] _end = new int[256];
    private int[] _aliasTarget = new int[256];

    public int Count => _events.Count;

    public ParsingEvent this[int index] => _events[index];

    /// <summary>The index just past the node that starts at <paramref name="index"/>.</summary>
    public int End(int index) => _end[index];

    /// <summary>The node an alias refers to, or -1 when its anchor was never defined.</summary>
    public int AliasTarget(int index) => _aliasTarget[index];

    /// <summary>Reads the events of one document, the parser standing on its DocumentStart; leaves it past DocumentEnd.</summary>
    public void Load(IParser parser)
    {
        _events.Clear();
        _anchors.Clear();
        _open.Clear();
        while (parser.MoveNext() && parser.Current is not DocumentEnd)
        {
            Add(parser.Current!);
        }
    }

    private void Add(ParsingEvent parsingEvent)
    {
        int index = _events.Count;
        _events.Add(parsingEvent);
        if (index >= _end.Length)
        {
            Array.Resize(ref _end, _end.Length * 2);
            Array.Resize(ref _aliasTarget, _aliasTarget.Length * 2);
        }

        _end[index] = index + 1;
        _aliasTarget[index] = -1;
        if (parsingEvent is NodeEvent { Anchor.IsEmpty: false } node)
        {
            _anchors[node.Anchor.Value] = index;
        }

        switch (parsingEvent)
        {
            case AnchorAlias alias:
                _aliasTarget[index] = _anchors.TryGetValue(alias.Value.Value, out var target) ? target : -1;
                break;
            case SequenceStart or MappingStart:
                _open.Push(index);
                break;
            case SequenceEnd or MappingEnd:
                _end[_open.Pop()] = index + 1;
                break;
        }
    }
}
