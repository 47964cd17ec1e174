namespace Pinned.Manifests;

/// <summary>
/// The YAML line of every node of one document, recorded in document order as (depth, key or
/// index, line) while the document is converted to JSON, so that a violation's JSON path
/// ("spec.template.spec.containers[0].image") finds the line it came from. Recording costs one
/// small struct a node; paths are only walked for the few nodes a violation names.
/// </summary>
internal sealed class NodeLineMap
{
    private readonly List<Entry> _entries = [];

    public int RootLine => _entries.Count > 0 ? _entries[0].Line : 0;

    public void Clear() => _entries.Clear();

    public void Add(int depth, string? key, int index, int line) => _entries.Add(new Entry(depth, key, index, line));

    /// <summary>The line of the node at <paramref name="path"/>, or of its nearest ancestor that exists.</summary>
    public int LineOf(string path)
    {
        if (_entries.Count == 0)
        {
            return 0;
        }

        int current = 0;
        int depth = 0;
        foreach (var (key, index) in Segments(path))
        {
            int found = -1;
            for (int i = current + 1; i < _entries.Count && _entries[i].Depth > depth; i++)
            {
                var e = _entries[i];
                if (e.Depth == depth + 1 && (key is null ? e.Key is null && e.Index == index : e.Key == key))
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
            depth++;
        }

        return _entries[current].Line;
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

    private readonly record struct Entry(int Depth, string? Key, int Index, int Line);
}
