using System.Runtime.InteropServices;

namespace Pinned.Manifests;

/// <summary>
/// The YAML line of every node of one document, recorded in document order as (depth, key or
/// index, line, end of subtree) while the document is converted to JSON, so that a violation's
/// JSON path ("spec.template.spec.containers[0].image") finds the line it came from. Recording
/// costs one small struct a node; a lookup hops from sibling to sibling (never through their
/// subtrees), and can start from an object's own node, so a List of 10 000 items stays linear.
/// </summary>
internal sealed class NodeLineMap
{
    private readonly List<Entry> _entries = [];

    public int RootLine => _entries.Count > 0 ? _entries[0].Line : 0;

    public void Clear() => _entries.Clear();

    /// <summary>Records a node; returns its entry, to <see cref="Close"/> once its children are recorded.</summary>
    public int Add(int depth, string? key, int index, int line)
    {
        _entries.Add(new Entry(depth, key, index, line, _entries.Count + 1));
        return _entries.Count - 1;
    }

    /// <summary>Marks the end of a container's subtree.</summary>
    public void Close(int entry) => CollectionsMarshal.AsSpan(_entries)[entry].End = _entries.Count;

    /// <summary>The line of the node at <paramref name="path"/>, or of its nearest ancestor that exists.</summary>
    public int LineOf(string path, int from = 0) => _entries.Count == 0 ? 0 : _entries[Find(path, from)].Line;

    /// <summary>The entry of the node at <paramref name="path"/> below entry <paramref name="from"/> (the root by default), or of its nearest existing ancestor.</summary>
    public int Find(string path, int from = 0)
    {
        var entries = CollectionsMarshal.AsSpan(_entries);
        if (entries.IsEmpty)
        {
            return 0;
        }

        int current = from;
        foreach (var (key, index) in Segments(path))
        {
            int found = -1;
            int childDepth = entries[current].Depth + 1;
            for (int i = current + 1; i < entries[current].End; i = entries[i].End)
            {
                ref var e = ref entries[i];
                if (e.Depth == childDepth && (key is null ? e.Key is null && e.Index == index : e.Key == key))
                {
                    found = i;
                    break;
                }
            }

            if (found < 0)
            {
                break;
            }

            current = found;
        }

        return current;
    }

    /// <summary>Splits "a.b[2].c" into ("a"), ("b"), (index 2), ("c").</summary>
    internal static IEnumerable<(string? Key, int Index)> Segments(string path)
    {
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            yield return (bracket < 0 ? part : part[..bracket], -1);
            while (bracket >= 0)
            {
                int close = part.IndexOf(']', bracket);
                if (close < 0 || !int.TryParse(part.AsSpan(bracket + 1, close - bracket - 1), out var index))
                {
                    yield break;
                }

                yield return (null, index);
                bracket = part.IndexOf('[', close);
            }
        }
    }

    private record struct Entry(int Depth, string? Key, int Index, int Line, int End);
}
