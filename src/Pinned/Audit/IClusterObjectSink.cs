using System.Text.Json;

namespace Pinned.Audit;

/// <summary>
/// Receives each object the <see cref="ClusterReader"/> lists. The element lives only as long as
/// its page: a sink keeps what it needs from it, never the element itself.
/// </summary>
internal interface IClusterObjectSink
{
    /// <param name="kind">The kind listed; list items carry no kind of their own.</param>
    void Object(string kind, JsonElement item);
}
