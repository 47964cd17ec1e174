using System.Text;
using System.Text.Json;
using Pinned.Manifests;

namespace Pinned.Tests.Check;

/// <summary>Reads a manifest text with the real reader and keeps what came out: documents as compact JSON, errors.</summary>
internal sealed class RecordingSink : IManifestSink
{
    private readonly string[] _linePaths;

    private RecordingSink(string[] linePaths) => _linePaths = linePaths;

    public List<(int Index, string Json, Dictionary<string, int> Lines)> Documents { get; } = [];

    public List<ManifestError> Errors { get; } = [];

    /// <summary>Items of a top-level "items" list, handed out before their document.</summary>
    public List<(int Document, int Position, string Json, int Line)> Items { get; } = [];

    public static RecordingSink Read(string text, params string[] linePaths) => Read(Encoding.UTF8.GetBytes(text), linePaths);

    public static RecordingSink Read(byte[] bytes, params string[] linePaths)
    {
        var sink = new RecordingSink(linePaths);
        using var reader = new ManifestReader();
        reader.Read("test.yaml", new MemoryStream(bytes), sink);
        return sink;
    }

    public string Json(int document) => Documents[document].Json;

    public void Document(in ManifestDocument document)
    {
        var lines = new Dictionary<string, int>();
        foreach (var path in _linePaths)
        {
            lines[path] = document.Lines.LineOf(path);
        }

        Documents.Add((document.Index, JsonSerializer.Serialize(document.Root), lines));
    }

    public void Error(ManifestError error) => Errors.Add(error);

    public void ListItem(in ManifestDocument item, int position) =>
        Items.Add((item.Index, position, JsonSerializer.Serialize(item.Root), item.Lines.RootLine));

    public void ListItemError(ManifestError error) => Errors.Add(error);
}
