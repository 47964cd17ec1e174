using System.Text.Json;
using Pinned.Manifests;
using Pinned.Policy;

namespace Pinned.Check;

/// <summary>
/// Judges one Kubernetes object as the webhook would on CREATE: decode with the same
/// <see cref="WorkloadDecoder"/>, skip exempt namespaces, evaluate with the same
/// <see cref="PolicyEvaluator"/>. An object without a namespace is judged in the namespace it
/// would land in when applied (--namespace, else "default").
/// </summary>
internal sealed class ObjectJudge(PolicyEvaluator evaluator, string defaultNamespace)
{
    /// <param name="prefix">The JSON path of the object inside the converted document, for line lookups: "" or "items[3]".</param>
    /// <param name="display">Its path inside the manifest, for messages ("items[3]" even when the item was converted alone).</param>
    public ObjectVerdict Judge(JsonElement obj, in ManifestDocument document, string prefix, string display, out ManifestError? error)
    {
        var workload = WorkloadDecoder.Decode(obj);
        int objectEntry = document.Lines.Find(prefix);
        int line = document.Lines.LineOf(string.Empty, objectEntry);
        error = Missing(workload) is { } missing
            ? new ManifestError(document.Source, document.Index, line, $"not a Kubernetes object{Where(display)}: it has no {missing}")
            : null;

        var ns = workload.Namespace ?? defaultNamespace;
        if (error is not null || workload.PodSpec is null)
        {
            return new ObjectVerdict(document.Source, document.Index, display, line, workload.Kind, ns, workload.Name, false, false, []);
        }

        if (evaluator.Options.IsNamespaceExempt(ns))
        {
            return new ObjectVerdict(document.Source, document.Index, display, line, workload.Kind, ns, workload.Name, false, true, []);
        }

        var result = evaluator.Evaluate(workload.PodSpec);
        var violations = new LocatedViolation[result.Violations.Count];
        for (int i = 0; i < violations.Length; i++)
        {
            var violation = result.Violations[i];
            violations[i] = new LocatedViolation(violation, document.Lines.LineOf(violation.Path, objectEntry));
        }

        return new ObjectVerdict(document.Source, document.Index, display, line, workload.Kind, ns, workload.Name, result.Denied, false, violations);
    }

    public static string Where(string prefix) => prefix.Length == 0 ? string.Empty : $" ({prefix})";

    private static string? Missing(Workload workload) => (workload.ApiVersion, workload.Kind) switch
    {
        (null, null) => "apiVersion and no kind (inside a List every item must be an object)",
        (null, _) => "apiVersion",
        (_, null) => "kind",
        _ => null,
    };
}
