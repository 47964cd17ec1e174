using System.Text.Json;

namespace Pinned.Admission;

/// <summary>
/// The AdmissionReview envelope as read from the tokens: the root's kind and apiVersion, and the
/// request's fields. As with a DOM lookup, the last of duplicate properties wins. Checked only
/// after the whole body has been read, so that a JSON syntax error anywhere comes first.
/// </summary>
internal struct ReviewEnvelope
{
    private JsonValueKind _rootKind;
    private TextField _apiVersion, _kind;
    private ReviewRequest _request;

    public static ReviewEnvelope Read(ref Utf8JsonReader reader)
    {
        var envelope = new ReviewEnvelope { _rootKind = KindOf(reader.TokenType) };
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return envelope;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("request"u8))
            {
                reader.Read();
                envelope._request = ReviewRequest.Read(ref reader);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                reader.Read();
                envelope._kind = TextField.Read(ref reader);
            }
            else if (reader.ValueTextEquals("apiVersion"u8))
            {
                reader.Read();
                envelope._apiVersion = TextField.Read(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return envelope;
    }

    /// <summary>The checks, in the order of precedence their errors have.</summary>
    public readonly bool TryCheck(out AdmissionRequestFields fields, out string error)
    {
        fields = default;
        if (_rootKind != JsonValueKind.Object)
        {
            error = $"the body must be a JSON object (an AdmissionReview), not {AdmissionReviewReader.Describe(_rootKind)}";
            return false;
        }

        var apiVersion = _apiVersion.Value;
        var kind = _kind.Value;
        if (kind != AdmissionReviewResponse.ReviewKind || apiVersion != AdmissionReviewResponse.ReviewApiVersion)
        {
            error = $"expected kind AdmissionReview, apiVersion {AdmissionReviewResponse.ReviewApiVersion}; "
                + $"got kind {Quote(kind)}, apiVersion {Quote(apiVersion)} (set admissionReviewVersions: [v1])";
            return false;
        }

        if (!_request.IsObject)
        {
            error = "the AdmissionReview has no request object";
            return false;
        }

        return _request.TryCheck(out fields, out error);
    }

    /// <summary>Echoes a caller's value in an error, cut short so that a huge value cannot bloat the answer.</summary>
    private static string Quote(string? value) =>
        value is null ? "(none)" : value.Length <= 64 ? $"'{value}'" : $"'{value[..64]}…'";

    private static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        _ => JsonValueKind.Null,
    };
}
