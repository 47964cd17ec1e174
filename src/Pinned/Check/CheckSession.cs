using System.Text.Json;
using Pinned.Manifests;

namespace Pinned.Check;

/// <summary>
/// Takes the documents of every input in order: unwraps lists, judges each object, counts, and
/// hands verdicts and errors to the reporter as they come. A list is what kubectl takes for one:
/// any object with an "items" array, whatever its kind says ("List", "DeploymentList"…, nested
/// too), so the items handed out before their document (see <see cref="IManifestSink.ListItem"/>)
/// are judged and reported at once: nothing of a List is held but the item being read.
/// </summary>
internal sealed class CheckSession(ObjectJudge judge, ICheckReporter reporter) : IManifestSink
{
    public CheckSummary Summary { get; } = new();

    public void Document(in ManifestDocument document)
    {
        var root = document.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            Skip(new ManifestError(document.Source, document.Index, document.Lines.RootLine,
                $"skipped: {Describe(root.ValueKind)}, not a Kubernetes object"));
            return;
        }

        if (!root.TryGetProperty("kind", out _) && !root.TryGetProperty("apiVersion", out _))
        {
            Skip(new ManifestError(document.Source, document.Index, document.Lines.RootLine,
                "skipped: no apiVersion and no kind, so not a Kubernetes object (kubectl would refuse it too)"));
            return;
        }

        Object(root, document, string.Empty, string.Empty);
    }

    public void ListItem(in ManifestDocument item, int position) =>
        Item(item.Root, item, string.Empty, $"items[{position}]");

    public void ListItemError(ManifestError error) => Report(null, error);

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

    private void Object(JsonElement obj, in ManifestDocument document, string prefix, string display)
    {
        if (IsList(obj, out var items))
        {
            int index = 0;
            foreach (var item in items.EnumerateArray())
            {
                var itemPrefix = prefix.Length == 0 ? $"items[{index}]" : $"{prefix}.items[{index}]";
                var itemDisplay = display.Length == 0 ? $"items[{index}]" : $"{display}.items[{index}]";
                index++;
                Item(item, document, itemPrefix, itemDisplay);
            }

            return;
        }

        var verdict = judge.Judge(obj, document, prefix, display, out var error);
        Report(error is null ? verdict : null, error);
    }

    private void Item(JsonElement item, in ManifestDocument document, string prefix, string display)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            Report(null, new ManifestError(document.Source, document.Index, document.Lines.LineOf(prefix),
                $"not a Kubernetes object ({display}): the item is {Describe(item.ValueKind)}"));
            return;
        }

        Object(item, document, prefix, display);
    }

    private void Report(ObjectVerdict? verdict, ManifestError? error)
    {
        if (error is not null)
        {
            Summary.Errors++;
            reporter.Error(error);
            return;
        }

        Summary.Objects++;
        Summary.Violations += verdict!.Violations.Count;
        Summary.Denied += verdict.Denied ? 1 : 0;
        Summary.Exempt += verdict.Exempt ? 1 : 0;
        reporter.Object(verdict);
    }

    /// <summary>kubectl's rule (the unstructured decoder's "items" detector): an "items" array makes a list.</summary>
    private static bool IsList(JsonElement obj, out JsonElement items) =>
        obj.TryGetProperty("items", out items) && items.ValueKind == JsonValueKind.Array;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
