using System.Text.Json.Nodes;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>One entry of a Validating/MutatingWebhookConfiguration.</summary>
internal sealed record WebhookEntry(KubeObject Configuration, JsonObject Node)
{
    public string Name => (string?)Node["name"] ?? "";

    public string? Path => (string?)KubeObject.Get(Node, "clientConfig.service.path");

    public string? FailurePolicy => (string?)Node["failurePolicy"];

    /// <summary>Values of the namespaceSelector expressions on kubernetes.io/metadata.name with this operator.</summary>
    public IReadOnlyList<string> NamespaceNames(string @operator) =>
        [.. (KubeObject.Get(Node, "namespaceSelector.matchExpressions")?.AsArray() ?? [])
            .Where(e => (string?)e?["key"] == "kubernetes.io/metadata.name" && (string?)e?["operator"] == @operator)
            .SelectMany(e => e!["values"]!.AsArray().Select(v => (string)v!))];

    /// <summary>(resource, operation) pairs the API server sends to this entry.</summary>
    public IReadOnlySet<(string Resource, string Operation)> Matches() =>
        (Node["rules"]?.AsArray() ?? [])
            .SelectMany(rule => rule!["resources"]!.AsArray().SelectMany(resource =>
                rule["operations"]!.AsArray().Select(op => ((string)resource!, (string)op!))))
            .ToHashSet();

    public static IReadOnlyList<WebhookEntry> In(Manifest manifest, string kind) =>
        [.. manifest.OfKind(kind).SelectMany(c =>
            (c.Node["webhooks"]?.AsArray() ?? []).Select(w => new WebhookEntry(c, w!.AsObject())))];

    public static IReadOnlyList<WebhookEntry> All(Manifest manifest) =>
        [.. In(manifest, "ValidatingWebhookConfiguration"), .. In(manifest, "MutatingWebhookConfiguration")];
}
