using System.Text.Json;
using Pinned.Manifests;

namespace Pinned.Check;

/// <summary>
/// Takes the documents of every input in order: unwraps List kinds ("List", "DeploymentList"…,
/// any kind ending in "List" that has "items"), judges each object, counts, and hands verdicts and
/// errors to the reporter as they come. Items handed out before their document (see
/// <see cref="IManifestSink.ListItem"/>) are judged at once and reported when the document turns
/// out to be a List; only their verdicts wait, never the items themselves.
/// </summary>
internal sealed class CheckSession(ObjectJudge judge, ICheckReporter reporter) : IManifestSink
{
    private readonly List<(ObjectVerdict? Verdict, ManifestError? Error)> _pending = [];
    private bool _deferring;

    public CheckSummary Summary { get; } = new();

    public void Document(in ManifestDocument document)
    {
        var root = document.Root;
        if (root.ValueKind == JsonValueKind.Object && IsListKind(root))
        {
            Flush();
        }

        _pending.Clear();
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

    public void ListItem(in ManifestDocument item, int position)
    {
        _deferring = true;
        try
        {
            Item(item.Root, item, string.Empty, $"items[{position}]");
        }
        finally
        {
            _deferring = false;
        }
    }

    public void ListItemError(ManifestError error) => _pending.Add((null, error));

    public void Error(ManifestError error)
    {
        _pending.Clear(); // the items of a document that failed are not reported
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
        if (error is not null)
        {
            Emit(null, error);
            return;
        }

        Emit(verdict, null);
    }

    private void Item(JsonElement item, in ManifestDocument document, string prefix, string display)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            Emit(null, new ManifestError(document.Source, document.Index, document.Lines.LineOf(prefix),
                $"not a Kubernetes object ({display}): the item is {Describe(item.ValueKind)}"));
            return;
        }

        Object(item, document, prefix, display);
    }

    private void Emit(ObjectVerdict? verdict, ManifestError? error)
    {
        if (_deferring)
        {
            _pending.Add((verdict, error));
        }
        else
        {
            Report(verdict, error);
        }
    }

    private void Flush()
    {
        foreach (var (verdict, error) in _pending)
        {
            Report(verdict, error);
        }
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

    private static bool IsListKind(JsonElement obj) =>
        obj.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
            && kind.GetString()!.EndsWith("List", StringComparison.Ordinal);

    private static bool IsList(JsonElement obj, out JsonElement items)
    {
        items = default;
        return IsListKind(obj) && obj.TryGetProperty("items", out items) && items.ValueKind == JsonValueKind.Array;
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
