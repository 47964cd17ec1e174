namespace Pinned.Registry;

/// <summary>
/// Tag → digest answers, each reused for a TTL, at most <c>capacity</c> of them: the least
/// recently used entry goes first. A tag can move, so an answer is never kept past its TTL.
/// </summary>
internal sealed class DigestCache(int capacity, TimeSpan ttl, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string key, out string digest)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (node.Value.Expires > time.GetUtcNow())
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    digest = node.Value.Digest;
                    return true;
                }
                Remove(node);
            }
        }
        digest = "";
        return false;
    }

    public void Set(string key, string digest)
    {
        if (capacity <= 0 || ttl <= TimeSpan.Zero)
        {
            return;
        }
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                Remove(existing);
            }
            var node = _recency.AddFirst(new Entry(key, digest, time.GetUtcNow() + ttl));
            _entries[key] = node;
            while (_entries.Count > capacity && _recency.Last is { } oldest)
            {
                Remove(oldest);
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Key);
    }

    private sealed record Entry(string Key, string Digest, DateTimeOffset Expires);
}
