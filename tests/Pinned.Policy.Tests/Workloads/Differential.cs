using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Pinned.Policy.Tests.Workloads;

/// <summary>
/// Decodes the same JSON with <see cref="WorkloadDecoder"/> (over a JsonDocument) and with
/// <see cref="StreamingWorkloadReader"/> (contiguous, and split into small segments), and
/// describes each outcome as text (every field of the Workload, or the exception), so that an
/// assertion shows the first difference.
/// </summary>
internal static class Differential
{
    /// <summary>request.kind as the API server could send it: absent, every kind with a pod spec, and one without.</summary>
    public static readonly string?[] Kinds = [null, .. WorkloadKinds.All.Order(StringComparer.Ordinal), "ConfigMap"];

    public static void AssertAgree(byte[] json, string? kind, string what)
    {
        var expected = WithDom(json, kind);
        var contiguous = Streamed(new ReadOnlySequence<byte>(json), kind);
        Assert.True(expected == contiguous, $"{what} (kind {kind ?? "null"}), contiguous:\n{expected}\n---\n{contiguous}");
        foreach (var length in json.Length < 2048 ? (int[])[1, 7, 64] : [61, 4096])
        {
            var streamed = Streamed(Segmented.Split(json, length), kind);
            // Over several segments Utf8JsonReader words a few syntax errors differently ('nu' for 'nul'
            // cut at a segment's end); the server reads a contiguous copy, so only the verdict must agree.
            var agrees = expected == streamed || (expected.StartsWith(JsonFailure, StringComparison.Ordinal) && streamed.StartsWith(JsonFailure, StringComparison.Ordinal));
            Assert.True(agrees, $"{what} (kind {kind ?? "null"}), segments of {length}:\n{expected}\n---\n{streamed}");
        }
    }

    private const string JsonFailure = "throws JsonException";

    /// <summary>Every object in the document (the root, request.object, nested specs, containers…), under every kind.</summary>
    public static int AssertAgreeOnEveryObject(byte[] document, string what)
    {
        using var parsed = JsonDocument.Parse(document);
        var objects = 0;
        foreach (var element in Objects(parsed.RootElement))
        {
            var json = Encoding.UTF8.GetBytes(element.GetRawText());
            foreach (var kind in Kinds)
            {
                AssertAgree(json, kind, what);
            }

            objects++;
        }

        return objects;
    }

    public static string WithDom(byte[] json, string? kind)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return WorkloadText.Describe(WorkloadDecoder.Decode(document.RootElement, kind));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Failure(e);
        }
    }

    public static string Streamed(ReadOnlySequence<byte> json, string? kind)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            var decoded = StreamingWorkloadReader.Read(ref reader);
            reader.Read(); // what follows the value: nothing, as JsonDocument.Parse demands
            return WorkloadText.Describe(decoded.ToWorkload(kind));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Failure(e);
        }
    }

    private static string Failure(Exception e) =>
        // JsonDocument throws the reader's own exception type for syntax errors; both are JsonExceptions.
        $"throws {(e is JsonException ? nameof(JsonException) : e.GetType().Name)}: {e.Message}";

    private static IEnumerable<JsonElement> Objects(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            foreach (var property in element.EnumerateObject())
            {
                foreach (var inner in Objects(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in Objects(item))
                {
                    yield return inner;
                }
            }
        }
    }
}
