using System.Buffers;
using System.Text;
using System.Text.Json;
using Pinned.Admission;
using Pinned.Policy;

namespace Pinned.Tests.Admission;

/// <summary>
/// What reading a body yields, as text: the 400 error, or the request's fields and the workloads
/// the decision would judge. Computed with the DOM oracle (JsonDocument + old envelope +
/// WorkloadDecoder) and with <see cref="AdmissionReviewReader"/>, so that the two can be compared.
/// </summary>
internal static class ReviewOutcome
{
    public static string ViaDom(byte[] body)
    {
        if (body.Length == 0)
        {
            return "400 " + AdmissionReviewReader.EmptyBody;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return $"400 the request body is not valid JSON: {e.Message}";
        }

        using (document)
        {
            try
            {
                return DomEnvelopeOracle.TryRead(document.RootElement, out var f, out var error)
                    ? Fields(f.Uid, f.Kind, f.Operation, f.Namespace, f.Name, f.SubResource, f.DryRun, f.Object.ValueKind, f.OldObject.ValueKind,
                        () => WorkloadDecoder.Decode(f.Object, f.Kind), () => WorkloadDecoder.Decode(f.OldObject, f.Kind))
                    : "400 " + error;
            }
            catch (InvalidOperationException e)
            {
                return $"throws {e.Message}";
            }
        }
    }

    public static string Streamed(ReadOnlySequence<byte> body)
    {
        try
        {
            return AdmissionReviewReader.TryRead(body, out var f, out var error)
                ? Fields(f.Uid, f.Kind, f.Operation, f.Namespace, f.Name, f.SubResource, f.DryRun, f.Object.ValueKind, f.OldObject.ValueKind,
                    () => f.Object.ToWorkload(f.Kind), () => f.OldObject.ToWorkload(f.Kind))
                : "400 " + error;
        }
        catch (InvalidOperationException e)
        {
            return $"throws {e.Message}";
        }
    }

    private static string Fields(string uid, string? kind, string? operation, string? ns, string? name, string? subResource, bool dryRun,
        JsonValueKind objectKind, JsonValueKind oldObjectKind, Func<Workload> decodeObject, Func<Workload> decodeOldObject)
    {
        var text = new StringBuilder($"uid={uid} kind={kind} operation={operation} namespace={ns} name={name} subResource={subResource} dryRun={dryRun}\n");
        text.Append($"object: {objectKind}\n");
        if (objectKind == JsonValueKind.Object)
        {
            text.Append(Decoded(decodeObject));
            text.Append($"oldObject: {oldObjectKind}\n");
            if (oldObjectKind == JsonValueKind.Object)
            {
                text.Append(Decoded(decodeOldObject));
            }
        }

        return text.ToString();
    }

    /// <summary>The decision decodes the object after the envelope was accepted: its failure is a 500 with the uid, not the envelope's.</summary>
    private static string Decoded(Func<Workload> decode)
    {
        try
        {
            return WorkloadText.Describe(decode()) + "\n";
        }
        catch (InvalidOperationException e)
        {
            return $"decoding throws {e.Message}\n";
        }
    }

    public static void AssertAgree(byte[] body, string what)
    {
        var expected = ViaDom(body);
        foreach (var (shape, sequence) in (ReadOnlySpan<(string, ReadOnlySequence<byte>)>)[("contiguous", new(body)), ("segments of 4096", Segmented.Split(body, 4096)), ("segments of 5", Segmented.Split(body, 5))])
        {
            var actual = Streamed(sequence);
            Assert.True(expected == actual, $"{what}, {shape}:\n{expected}\n---\n{actual}");
        }
    }
}
