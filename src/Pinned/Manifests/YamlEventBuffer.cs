using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pinned.Manifests;

/// <summary>
/// The parser events of one YAML document, indexed so that a node can be skipped over (for the
/// keys of a mapping) and replayed (for an alias). Each alias is bound to the anchor defined
/// before it in document order, as YAML requires, even when the anchor is redefined later.
/// The items of a top-level "items" list (a List kind, as `kubectl get -o yaml` prints it) are
/// handed out one by one as they complete, and dropped afterwards unless they define an anchor
/// a later node may refer to, so that a huge List is held one item at a time.
/// </summary>
internal sealed class YamlEventBuffer
{
    /// <summary>
    /// The deepest nesting read, kubectl's own bound: goyaml stops at "exceeded max depth of 10000"
    /// and encoding/json at 10000 too. Deeper is an error with its line, never a stack overflow.
    /// </summary>
    public const int MaxDepth = 10_000;

    private readonly List<ParsingEvent> _events = [];
    private readonly Dictionary<string, int> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<int> _open = new();
    private int[] _end = new int[256];
    private int[] _aliasTarget = new int[256];
    private Action<int, int>? _onItem;
    private bool _rootExpectsKey;
    private bool _nextRootValueIsItems;
    private int _itemStart;
    private int _itemCount;
    private bool _itemHasAnchor;

    /// <summary>The SequenceStart of the root mapping's "items" value, or -1; its items were handed out.</summary>
    public int ItemsSequence { get; private set; }

    public int Count => _events.Count;

    public ParsingEvent this[int index] => _events[index];

    /// <summary>The index just past the node that starts at <paramref name="index"/>.</summary>
    public int End(int index) => _end[index];

    /// <summary>The containers still open while loading (innermost first): the ancestors of an item being handed out.</summary>
    public IEnumerable<int> OpenContainers => _open;

    /// <summary>The node an alias refers to, or -1 when its anchor was never defined.</summary>
    public int AliasTarget(int index) => _aliasTarget[index];

    /// <summary>Reads the events of one document, the parser standing on its DocumentStart; leaves it past DocumentEnd.</summary>
    /// <param name="onItem">Called with (first event, position) of each completed item of a top-level "items" list.</param>
    public void Load(IParser parser, Action<int, int>? onItem = null)
    {
        _events.Clear();
        _anchors.Clear();
        _open.Clear();
        _onItem = onItem;
        _rootExpectsKey = true;
        _nextRootValueIsItems = false;
        _itemCount = 0;
        ItemsSequence = -1;
        while (parser.MoveNext() && parser.Current is not DocumentEnd)
        {
            int parentDepth = _open.Count;
            var added = parser.Current!;
            Add(added);
            TrackItems(added, parentDepth);
        }
    }

    private void TrackItems(ParsingEvent added, int parentDepth)
    {
        bool completesNode = added is Scalar or AnchorAlias or SequenceEnd or MappingEnd;
        int depth = added is SequenceEnd or MappingEnd ? _open.Count : parentDepth;
        if (_onItem is null || _events[0] is not MappingStart || depth is < 1 or > 2)
        {
            return;
        }

        if (depth == 1 && added is not (SequenceEnd or MappingEnd) && !_rootExpectsKey && _nextRootValueIsItems && added is SequenceStart)
        {
            ItemsSequence = _events.Count - 1;
            _itemStart = _events.Count;
            _itemHasAnchor = false;
        }

        if (depth == 1 && completesNode)
        {
            if (_rootExpectsKey)
            {
                _nextRootValueIsItems = added is Scalar { Value: "items" };
            }

            _rootExpectsKey = !_rootExpectsKey;
        }

        _itemHasAnchor |= added is NodeEvent { Anchor.IsEmpty: false };
        if (depth == 2 && completesNode && ItemsSequence >= 0 && _open.Peek() == ItemsSequence)
        {
            _onItem(_itemStart, _itemCount++);
            if (!_itemHasAnchor)
            {
                _events.RemoveRange(_itemStart, _events.Count - _itemStart);
            }

            _itemStart = _events.Count;
            _itemHasAnchor = false;
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
                if (_open.Count > MaxDepth)
                {
                    throw new ManifestFormatException((int)parsingEvent.Start.Line, $"nested deeper than {MaxDepth} levels (kubectl refuses it too)");
                }

                break;
            case SequenceEnd or MappingEnd:
                _end[_open.Pop()] = index + 1;
                break;
        }
    }
}
