using System.Text.Json.Nodes;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>A rendered multi-document manifest (chart or kustomize output).</summary>
internal sealed class Manifest(IReadOnlyList<KubeObject> objects, string text)
{
    public IReadOnlyList<KubeObject> Objects { get; } = objects;

    public string Text { get; } = text;

    public static Manifest Parse(string text) =>
        new([.. YamlJson.ParseDocuments(text).OfType<JsonObject>().Select(o => new KubeObject(o))], text);

    public IEnumerable<KubeObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public KubeObject Single(string kind) =>
        Objects.Where(o => o.Kind == kind).ToArray() switch
        {
            [var only] => only,
            var found => throw new InvalidOperationException($"expected one {kind}, found {found.Length}: {string.Join(", ", found.Select(f => f.Name))}"),
        };

    public KubeObject Single(string kind, string name) =>
        Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name)
        ?? throw new InvalidOperationException($"no {kind}/{name} among {string.Join(", ", Objects)}");

    /// <summary>The policy file's ConfigMap: the one ConfigMap that is not the Grafana dashboard.</summary>
    public KubeObject PolicyConfigMap => Objects.Single(o => o.Kind == "ConfigMap" && !o.Labels.ContainsKey("grafana_dashboard"));

    public KubeObject? Find(string kind, string name) => Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name);
}
