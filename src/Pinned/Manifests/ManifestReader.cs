using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pinned.Manifests;

/// <summary>
/// Reads a stream of YAML (multi-document) or JSON manifests (one object, or a stream of objects)
/// document by document: one document's
/// events and JSON are in memory at a time, so memory is bounded by the largest document, not the
/// stream. The text is decoded as kubectl decodes it (<see cref="InputEncoding"/>). A document that
/// fails (broken YAML, a control character, a duplicate key…) is reported with its index and line,
/// and reading goes on with the next one. Reuse one reader for many inputs.
/// </summary>
internal sealed class ManifestReader : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
        MaxDepth = YamlEventBuffer.MaxDepth + 1,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = YamlEventBuffer.MaxDepth + 1 };

    private readonly YamlEventBuffer _events = new();
    private readonly YamlJsonWriter _converter = new();
    private readonly NodeLineMap _lines = new();
    private readonly NodeLineMap _itemLines = new();
    private readonly ArrayBufferWriter<byte> _json = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;

    public ManifestReader() => _writer = new Utf8JsonWriter(_json, WriterOptions);

    public void Dispose() => _writer.Dispose();

    public void Read(string source, Stream stream, IManifestSink sink)
    {
        using var text = InputEncoding.ToUtf8(stream);
        using var lines = new Utf8LineReader(text);
        using ManifestChunkReader chunks = JsonValueChunkReader.StartsJsonStream(lines)
            ? new JsonValueChunkReader(lines)
            : new DocumentChunkReader(lines);
        int index = 0;
        while (chunks.BeginChunk())
        {
            ReadChunk(source, chunks, sink, ref index);
        }
    }

    private void ReadChunk(string source, ManifestChunkReader chunks, IManifestSink sink, ref int index)
    {
        int lineOffset = chunks.ChunkStartLine - 1;
        bool anyDocument = false;
        int current = -1; // the index of the document being read, once its DocumentStart is seen
        try
        {
            var parser = new Parser(chunks);
            while (parser.MoveNext() && parser.Current is not StreamEnd)
            {
                if (parser.Current is not DocumentStart)
                {
                    continue;
                }

                anyDocument = true;
                int documentIndex = current = index++;
                _events.Load(parser, (start, position) => ConvertItem(source, documentIndex, lineOffset, start, position, sink));
                if (chunks.Failure is { } failure)
                {
                    sink.Error(new ManifestError(source, documentIndex, failure.Line, failure.Message));
                    return;
                }

                Convert(source, documentIndex, lineOffset, sink);
                current = -1;
            }
        }
        catch (ManifestFormatException e)
        {
            // Only loading throws this far (nesting too deep), with the line in the chunk.
            chunks.SkipRestOfChunk();
            sink.Error(new ManifestError(source, current >= 0 ? current : index++, lineOffset + e.Line, e.Message));
            return;
        }
        catch (Exception e) when (e is not (InputReadException or OutOfMemoryException))
        {
            // YamlException normally; YamlDotNet also throws InvalidOperationException on some broken input.
            int line = e is YamlException yaml ? lineOffset + (int)yaml.Start.Line : chunks.LastLineRead;
            chunks.SkipRestOfChunk();
            int failed = current >= 0 ? current : index++;
            sink.Error(chunks.Failure is { } failure
                ? new ManifestError(source, failed, failure.Line, failure.Message)
                : new ManifestError(source, failed, line, $"not valid YAML: {(e is YamlException ? Reason(e) : "the parser could not go on past this line")}"));
            return;
        }

        // Never count as read what the parser did not read: a chunk that stopped early, or that holds
        // content from which no document came, is an error, not an empty document.
        if (!anyDocument && (chunks.Failure is not null || chunks.HasContent || chunks.HasDirective))
        {
            var (line, message) = chunks.Failure ?? (chunks.ChunkStartLine, chunks.HasContent
                ? "no YAML document could be read from this text"
                : "a directive ('%…') with no document after it");
            sink.Error(new ManifestError(source, index++, line, message));
        }
    }

    private void Convert(string source, int index, int lineOffset, IManifestSink sink)
    {
        if (IsEmpty())
        {
            return;
        }

        _json.ResetWrittenCount();
        _writer.Reset(_json);
        _lines.Clear();
        try
        {
            _converter.Write(_events, _writer, _lines, lineOffset, skip: _events.ItemsSequence);
        }
        catch (ManifestFormatException e)
        {
            sink.Error(new ManifestError(source, index, e.Line, e.Message));
            return;
        }

        _writer.Flush();
        using var document = JsonDocument.Parse(_json.WrittenMemory, DocumentOptions);
        sink.Document(new ManifestDocument(source, index, document.RootElement, _lines));
    }

    private void ConvertItem(string source, int index, int lineOffset, int start, int position, IManifestSink sink)
    {
        _json.ResetWrittenCount();
        _writer.Reset(_json);
        _itemLines.Clear();
        try
        {
            _converter.Write(_events, _writer, _itemLines, lineOffset, root: start);
        }
        catch (ManifestFormatException e)
        {
            sink.ListItemError(new ManifestError(source, index, e.Line, $"items[{position}]: {e.Message}"));
            return;
        }

        _writer.Flush();
        using var item = JsonDocument.Parse(_json.WrittenMemory, DocumentOptions);
        sink.ListItem(new ManifestDocument(source, index, item.RootElement, _itemLines), position);
    }

    /// <summary>An empty document, or one that holds only comments or a null.</summary>
    private bool IsEmpty() =>
        _events.Count == 0
        || (_events.Count == 1 && _events[0] is Scalar { Style: ScalarStyle.Plain, Tag.IsEmpty: true } scalar
            && scalar.Value is "" or "~" or "null" or "Null" or "NULL");

    private static string Reason(Exception e)
    {
        // YamlDotNet prefixes its messages with "(Line: …, Col: …, Idx: …) - (…): "; the line is reported apart.
        var message = e.InnerException?.Message ?? e.Message;
        int dash = message.LastIndexOf("): ", StringComparison.Ordinal);
        return dash >= 0 ? message[(dash + 3)..] : message;
    }
}
