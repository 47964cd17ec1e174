using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pinned.Manifests;

/// <summary>
/// Navigation over the buffered events of one document, with the guards that conversion needs:
/// aliases resolved to their anchored node (never to a node that contains the alias), keys read
/// as text, stream line numbers, and a budget of nodes against alias bombs ("billion laughs").
/// </summary>
internal sealed class YamlNodes
{
    private bool[] _active = new bool[256];
    private int _lineOffset;
    private long _budget;

    public YamlEventBuffer Events { get; private set; } = null!;

    /// <param name="lineOffset">Added to the parser's line numbers: the stream line before the chunk began.</param>
    public void Reset(YamlEventBuffer events, int lineOffset)
    {
        Events = events;
        _lineOffset = lineOffset;
        _budget = Math.Max(1_000_000L, events.Count * 10L);
        if (_active.Length < events.Count)
        {
            _active = new bool[Math.Max(events.Count, _active.Length * 2)];
        }
    }

    public ParsingEvent this[int index] => Events[index];

    public int End(int index) => Events.End(index);

    public int LineOf(int index) => _lineOffset + (int)Events[index].Start.Line;

    /// <summary>Counts one node written or expanded; past the budget the document is refused.</summary>
    public void Spend(int index)
    {
        if (--_budget < 0)
        {
            throw new ManifestFormatException(LineOf(index), "aliases or merge keys expand to too many nodes");
        }
    }

    /// <summary>Marks a container as being written, so that an alias inside it cannot refer back to it.</summary>
    public void Enter(int index) => _active[index] = true;

    public void Leave(int index) => _active[index] = false;

    /// <summary>The node itself, or the anchored node when it is an alias.</summary>
    public int Follow(int index) => Events[index] is AnchorAlias alias ? Resolve(index, alias) : index;

    public int Resolve(int index, AnchorAlias alias)
    {
        int target = Events.AliasTarget(index);
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

    public string KeyText(int index) => Events[Follow(index)] switch
    {
        Scalar scalar => scalar.Value,
        _ => throw new ManifestFormatException(LineOf(index), "a mapping key must be a plain value, not a list or a mapping"),
    };

    public bool IsMergeKey(int index) =>
        Events[index] is Scalar { Value: "<<", Style: ScalarStyle.Plain } key
        && (key.Tag.IsEmpty || key.Tag.Value == "tag:yaml.org,2002:merge");

    /// <summary>The key events of a mapping that starts at <paramref name="mapping"/>; each value follows its key.</summary>
    public IEnumerable<int> Keys(int mapping)
    {
        for (int i = mapping + 1; Events[i] is not MappingEnd; i = End(End(i)))
        {
            yield return i;
        }
    }
}
