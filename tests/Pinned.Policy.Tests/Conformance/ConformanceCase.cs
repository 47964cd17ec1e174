using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pinned.Policy.Tests.Conformance;

/// <summary>One entry of ../shared/conformance/cases.json: a resource, a rule, and the peer's verdict.</summary>
public sealed record ConformanceCase(
    int Index, string File, string Rule, string Expected, string Basis, string? Policy, string? Test, JsonNode? PeerParams, bool? Comparable)
{
    // Lazy, not a static initializer: a missing corpus must surface as the skip (or CI failure)
    // Requirements raises, not as a TypeInitializationException.
    private static readonly Lazy<List<ConformanceCase>> Loaded = new(Load);

    public static IReadOnlyList<ConformanceCase> All => Loaded.Value;

    public string DisplayName => $"{File} [{Rule}] {Basis}{(Test is null ? "" : ": " + Test)}";

    private static List<ConformanceCase> Load()
    {
        var cases = JsonNode.Parse(System.IO.File.ReadAllText(SharedFiles.Path("conformance/cases.json")))!.AsArray();
        return [.. cases.Select((c, i) => new ConformanceCase(
            i,
            (string)c!["file"]!,
            (string)c["rule"]!,
            (string)c["expected"]!,
            (string)c["basis"]!,
            (string?)c["policy"],
            (string?)c["test"],
            c["peer_params"]?.DeepClone(),
            (bool?)c["comparable"]))];
    }

    public string ParamsText => PeerParams?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}
