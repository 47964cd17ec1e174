using System.Text;
using System.Text.Json;
using Pinned.Admission;
using Pinned.Policy;

namespace Pinned.Tests.Admission;

/// <summary>The hand-written answer must be byte for byte what the source-generated serializer writes.</summary>
public sealed class AdmissionReviewWriterTests
{
    private static readonly AdmissionRequestFields Request = new("3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f", "Pod", "CREATE", "demo", "web", null, false, DecodedObject.Missing, DecodedObject.Missing);

    public static TheoryData<string> Cases() => [.. Responses.Keys];

    private static readonly Dictionary<string, AdmissionResponse> Responses = new()
    {
        ["allowed"] = AdmissionResponses.Allow(Request),
        ["invalid object"] = AdmissionResponses.Invalid(Request, "request.object must be a JSON object on CREATE, got an array"),
        ["internal error"] = AdmissionResponses.Error("uid-1", "pinned could not judge this request (internal error); see the webhook's logs"),
        ["denied"] = AdmissionResponses.FromViolations(Request, [Violation("enforce", RuleAction.Enforce), Violation("second", RuleAction.Enforce)]),
        ["audited"] = AdmissionResponses.FromViolations(Request, [Violation("audit", RuleAction.Audit), Violation("warn", RuleAction.Warn)]),
        ["denied and warned"] = AdmissionResponses.FromViolations(Request, [Violation("enforce", RuleAction.Enforce), Violation("warn", RuleAction.Warn)]),
        ["pre-existing"] = AdmissionResponses.FromViolations(Request, [Violation("old", RuleAction.Warn) with { PreExisting = true }]),
        ["escapes"] = AdmissionResponses.Invalid(Request with { Uid = "u\"\\\u0001é😀" },
            "line\nbreak\ttab \"quoted\" <digest> & 'single' — dash \u2028 sep \ud800 lone surrogate"),
        ["empty lists"] = new AdmissionResponse { Uid = "u", Allowed = true, Warnings = [], AuditAnnotations = new Dictionary<string, string>() },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void WritesWhatTheSerializerWrites(string name)
    {
        var response = Responses[name];
        var expected = JsonSerializer.SerializeToUtf8Bytes(new AdmissionReviewResponse(response), AdmissionJsonContext.Relaxed.AdmissionReviewResponse);

        var written = AdmissionReviewWriter.Write(response).ToArray();

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void ReusesNothingFromThePreviousAnswer()
    {
        var first = AdmissionReviewWriter.Write(Responses["denied"]).ToArray();
        var second = AdmissionReviewWriter.Write(Responses["allowed"]).ToArray();

        Assert.True(second.Length < first.Length);
        using var parsed = JsonDocument.Parse(second);
        Assert.False(parsed.RootElement.GetProperty("response").TryGetProperty("status", out _));
    }

    [Fact]
    public void WritesAnAnswerLargerThanTheKeptBuffer()
    {
        var many = Enumerable.Range(0, 2000).Select(i => Violation($"container {i}", RuleAction.Enforce)).ToList();
        var huge = AdmissionResponses.FromViolations(Request, many);

        var written = AdmissionReviewWriter.Write(huge).ToArray();
        var small = AdmissionReviewWriter.Write(Responses["allowed"]).ToArray();

        Assert.True(written.Length > 64 * 1024);
        Assert.Equal(2000, JsonDocument.Parse(written).RootElement.GetProperty("response").GetProperty("status").GetProperty("message").GetString()!.Split('\n').Length);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(new AdmissionReviewResponse(Responses["allowed"]), AdmissionJsonContext.Relaxed.AdmissionReviewResponse), small);
    }

    private static Violation Violation(string what, RuleAction action) =>
        new(RuleIds.ImageDigest, $"spec.containers[0].image", "nginx:1.27", $"image 'nginx:1.27' ({what}) is not pinned by digest", "pin it", action);
}
