using System.Text.Json;
using Pinned.Manifests;

namespace Pinned.Check;

/// <summary>
/// Takes the documents of every input in order: unwraps List kinds ("List", "DeploymentList"…,
/// any kind ending in "List" that has "items"), judges each object, counts, and hands verdicts and
/// errors to the reporter as they come, so nothing accumulates.
/// </summary>
internal sealed class CheckSession(ObjectJudge judge, ICheckReporter reporter) : IManifestSink
{
    public CheckSummary Summary { get; } = new();

    public void Document(in ManifestDocument document)
    {
        if (document.Root.ValueKind != JsonValueKind.Object)
        {
            Skip(new ManifestError(document.Source, document.Index, document.Lines.RootLine,
                $"skipped: {Describe(document.Root.ValueKind)}, not a Kubernetes object"));
            return;
        }

        if (!document.Root.TryGetProperty("kind", out _) && !document.Root.TryGetProperty("apiVersion", out _))
        {
            Skip(new ManifestError(document.Source, document.Index, document.Lines.RootLine,
                "skipped: no apiVersion and no kind, so not a Kubernetes object (kubectl would refuse it too)"));
            return;
        }

        Object(document.Root, document, string.Empty);
    }

    public void Error(ManifestError error)
    {
        Summary.Errors++;
        reporter.Error(error);
    }

    public void Skip(ManifestError note)
    {
        Summary.Skipped++;
        reporter.Skipped(note);
    }

    private void Object(JsonElement obj, in ManifestDocument document, string prefix)
    {
        if (IsList(obj, out var items))
        {
            int index = 0;
            foreach (var item in items.EnumerateArray())
            {
                var itemPrefix = prefix.Length == 0 ? $"items[{index}]" : $"{prefix}.items[{index}]";
                index++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Error(new ManifestError(document.Source, document.Index, document.Lines.LineOf(itemPrefix),
                        $"not a Kubernetes object ({itemPrefix}): the item is {Describe(item.ValueKind)}"));
                    continue;
                }

                Object(item, document, itemPrefix);
            }

            return;
        }

        var verdict = judge.Judge(obj, document, prefix, out var error);
        if (error is not null)
        {
            Error(error);
            return;
        }

        Summary.Objects++;
        Summary.Violations += verdict.Violations.Count;
        Summary.Denied += verdict.Denied ? 1 : 0;
        Summary.Exempt += verdict.Exempt ? 1 : 0;
        reporter.Object(verdict);
    }

    private static bool IsList(JsonElement obj, out JsonElement items) =>
        obj.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
            && kind.GetString()!.EndsWith("List", StringComparison.Ordinal)
            && obj.TryGetProperty("items", out items) && items.ValueKind == JsonValueKind.Array
            || Fail(out items);

    private static bool Fail(out JsonElement items)
    {
        items = default;
        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
