using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Pinned.Tests.Bench;

namespace Pinned.Tests.Admission;

/// <summary>
/// The one-pass review reader against the DOM path it replaced (JsonDocument.Parse, the old
/// envelope, WorkloadDecoder): same fields, same workloads, same 400 texts in the same order of
/// precedence, and the same JSON syntax errors, on every review we hold and on perturbed ones.
/// </summary>
public sealed class AdmissionReviewReaderTests
{
    public static TheoryData<string> Reviews()
    {
        var rows = Requirements.SharedRows<string>(
            "the captured admission reviews (../shared/admission-reviews)",
            shared => [.. Directory.GetFiles(Path.Combine(shared, "admission-reviews"), "*.json").Order(StringComparer.Ordinal).Select(f => "shared:" + Path.GetFileName(f))]);

        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("tests", "Pinned.Tests", "Fixtures"), "request.json", SearchOption.AllDirectories)
                     .Concat(Directory.GetFiles(RepositoryRoot.Combine("bench", "payloads"), "*.json"))
                     .Concat(Directory.GetFiles(RepositoryRoot.Combine("deploy", "reviews"), "*.json")).Order(StringComparer.Ordinal))
        {
            rows.Add(Path.GetRelativePath(RepositoryRoot.Path, file));
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Reviews))]
    public void Every_review_we_hold_reads_as_with_the_DOM(string source)
    {
        var body = Body(source);

        Assert.StartsWith("uid=", ReviewOutcome.ViaDom(body), StringComparison.Ordinal);
        ReviewOutcome.AssertAgree(body, source);
    }

    public static TheoryData<string, string> Envelopes => new()
    {
        { "empty", "" },
        { "whitespace", "  \n" },
        { "an array", "[1, 2]" },
        { "a string", "\"AdmissionReview\"" },
        { "null", "null" },
        { "not JSON", "{\"kind\": \"AdmissionReview\", " },
        { "array, then garbage", "[1] x" },
        { "wrong kind before a syntax error", """{"kind":"Pod","apiVersion":"admission.k8s.io/v1","request":{"uid":"u"}} }""" },
        { "no request", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1"}""" },
        { "request null", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":null}""" },
        { "v1beta1", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1beta1","request":{"uid":"u"}}""" },
        { "kind not a string", """{"kind":1,"apiVersion":"admission.k8s.io/v1","request":{"uid":"u"}}""" },
        { "long kind", """{"kind":"AdmissionReviewAdmissionReviewAdmissionReviewAdmissionReviewAdmissionReviewAdmissionReview","request":{"uid":"u"}}""" },
        { "duplicate kind, last wrong", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","kind":"Pod","request":{"uid":"u"}}""" },
        { "duplicate kind, last right", """{"kind":"Pod","apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u"}}""" },
        { "no uid", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"operation":"CREATE"}}""" },
        { "empty uid", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":""}}""" },
        { "uid a number", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":7}}""" },
        { "duplicate uid, last empty", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","uid":""}}""" },
        { "duplicate request, last without uid", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u"},"request":{}}""" },
        { "request before kind", """{"request":{"uid":"u","object":{"kind":"Pod","spec":{"containers":[{"image":"a"}]}}},"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""" },
        { "object missing", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","operation":"CREATE"}}""" },
        { "object not an object", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","object":[1]}}""" },
        { "object before request.kind", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","object":{"kind":"Pod","spec":{"template":{"spec":{"containers":[{"image":"d"}]}},"containers":[{"image":"p"}]}},"kind":{"group":"apps","kind":"Deployment"}}}""" },
        { "request.kind a string", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","kind":"Pod","object":{"kind":"Pod","spec":{}}}}""" },
        { "request.kind duplicate inner kind", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","kind":{"kind":"Pod","kind":"CronJob"},"object":{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"image":"c"}]}}}}}}}}""" },
        { "dryRun variants", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","dryRun":true,"dryRun":"true"}}""" },
        { "update with oldObject", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","operation":"UPDATE","oldObject":{"spec":{"containers":[{"image":"old"}]}},"object":{"kind":"Pod","spec":{"containers":[{"image":"new"}]}}}}""" },
        { "oldObject null", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","object":{"kind":"Pod"},"oldObject":null}}""" },
        { "trailing garbage", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u"}} x""" },
        { "a second root", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u"}}{}""" },
        { "trailing whitespace", "{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\",\"request\":{\"uid\":\"u\"}}\r\n\t " },
        { "escaped names and values", """{"\u006bind":"Admission\u0052eview","apiVersion":"admission.k8s.io\/v1","requ\u0065st":{"u\u0069d":"\u00fc-\ud83d\ude00","object":{"kind":"Pod"}}}""" },
        { "deep nesting in request", """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"u","x":""" + new string('[', 70) + new string(']', 70) + "}}" },
    };

    [Theory]
    [MemberData(nameof(Envelopes))]
    public void Envelope_checks_and_errors_are_the_DOMs(string what, string body) =>
        ReviewOutcome.AssertAgree(Encoding.UTF8.GetBytes(body), what);

    [Theory]
    [InlineData("uid", true)]
    [InlineData("namespace", true)]
    [InlineData("other", false)]
    public void A_field_that_is_not_UTF8_fails_as_with_the_DOM(string field, bool throws)
    {
        byte[] body = [.. "{\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\",\"request\":{\"uid\":\"u\",\""u8,
            .. Encoding.UTF8.GetBytes(field), .. "\":\""u8, 0xff, .. "\"}}"u8];

        Assert.Equal(throws, ReviewOutcome.ViaDom(body).StartsWith("throws", StringComparison.Ordinal));
        ReviewOutcome.AssertAgree(body, field);
    }

    [Fact]
    public void Perturbed_reviews_read_as_with_the_DOM()
    {
        // Without ../shared, the repository's own reviews only (the skipped placeholder row has no file).
        var reviews = Reviews().Cast<ITheoryDataRow>().Where(row => row.Skip is null).Select(row => Body((string)row.GetData()[0]!)).ToArray();
        var edits = Gen.Select(Gen.Int[0, reviews.Length - 1], Gen.Int[0, 1_000_000], Gen.Int[0, 5], Gen.Byte,
            (review, at, edit, value) => Perturb(reviews[review], at, edit, value));

        edits.Sample(body => ReviewOutcome.AssertAgree(body, Convert.ToHexString(body)), iter: 1_500);
    }

    /// <summary>Cut short, a byte replaced, a byte inserted, garbage after the root, or the request's fields rearranged.</summary>
    private static byte[] Perturb(byte[] review, int at, int edit, byte value)
    {
        var position = at % review.Length;
        switch (edit)
        {
            case 0:
                return review[..position];
            case 1:
                return [.. review[..position], value, .. review[(position + 1)..]];
            case 2:
                return [.. review[..position], value, .. review[position..]];
            case 3:
                return [.. review, .. " }"u8];
            default:
                var root = JsonNode.Parse(review)!.AsObject();
                if (root["request"] is JsonObject request)
                {
                    // Reverse the request's fields (object before kind), and duplicate one of them.
                    var fields = request.Select(p => (p.Key, p.Value?.DeepClone())).Reverse().ToList();
                    var text = string.Join(",", fields.Select(p => $"{JsonValue.Create(p.Key).ToJsonString()}:{p.Item2?.ToJsonString() ?? "null"}"));
                    var (key, duplicate) = fields[position % fields.Count];
                    var extra = edit == 4 ? $",{JsonValue.Create(key).ToJsonString()}:{duplicate?.ToJsonString() ?? "null"}" : "";
                    root.Remove("request");
                    var rest = root.ToJsonString();
                    return Encoding.UTF8.GetBytes($"{{\"request\":{{{text}{extra}}},{rest[1..]}");
                }

                return review;
        }
    }

    /// <summary>A captured file wraps the review as {"path","headers","review"}.</summary>
    private static byte[] Body(string source) =>
        source.StartsWith("shared:", StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes(JsonNode.Parse(File.ReadAllBytes(SharedFiles.Path(Path.Combine("admission-reviews", source[7..]))))!["review"]!.ToJsonString())
            : File.ReadAllBytes(RepositoryRoot.Combine(source));
}
