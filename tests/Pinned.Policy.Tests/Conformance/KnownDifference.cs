using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pinned.Policy.Tests.Conformance;

/// <summary>A case where Pinned knowingly gives another verdict than the peer (known-differences.json).</summary>
public sealed record KnownDifference(string File, string Rule, JsonNode? Settings, string Peer, string Pinned, string Reason)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<KnownDifference> All { get; } =
        JsonSerializer.Deserialize<List<KnownDifference>>(
            System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Conformance", "known-differences.json")), Web)!;

    public bool Covers(ConformanceCase c) =>
        File == c.File && Rule == c.Rule && JsonNode.DeepEquals(Settings, c.PeerParams);
}
