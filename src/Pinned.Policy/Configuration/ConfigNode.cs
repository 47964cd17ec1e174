namespace Pinned.Policy;

/// <summary>Flat configuration keys ("rules:host-path:action") rebuilt into a tree, keys compared case-insensitively.</summary>
internal sealed class ConfigNode(string displayPath)
{
    public string DisplayPath { get; } = displayPath;

    public string? Value { get; set; }

    public bool HasValue { get; set; }

    public Dictionary<string, ConfigNode> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ConfigNode Build(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var root = new ConfigNode(string.Empty);
        foreach (var (key, value) in settings)
        {
            var node = root;
            foreach (var segment in key.Split(':'))
            {
                if (!node.Children.TryGetValue(segment, out var child))
                {
                    child = new ConfigNode(Join(node.DisplayPath, segment));
                    node.Children[segment] = child;
                }

                node = child;
            }

            // A later source replaces a whole list or map written as a value ("[]"), and a value
            // replaces a list written by an earlier source.
            node.Value = value;
            node.HasValue = true;
            if (!string.IsNullOrEmpty(value))
            {
                node.Children.Clear();
            }
        }

        return root;
    }

    public ConfigNode? Child(string name) => Children.GetValueOrDefault(name);

    /// <summary>List items in index order; a key that is not an index is reported by the caller.</summary>
    public IEnumerable<(int Index, ConfigNode Node)> Items() =>
        Children.Select(c => (Index: int.TryParse(c.Key, out var i) ? i : -1, Node: c.Value))
            .Where(c => c.Index >= 0)
            .OrderBy(c => c.Index);

    public IEnumerable<ConfigNode> NonIndexChildren() =>
        Children.Where(c => !int.TryParse(c.Key, out _)).Select(c => c.Value);

    private static string Join(string parent, string segment) =>
        int.TryParse(segment, out _) ? $"{parent}[{segment}]" : parent.Length == 0 ? segment : $"{parent}.{segment}";
}
