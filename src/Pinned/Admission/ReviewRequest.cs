using System.Text.Json;
using Pinned.Policy;

namespace Pinned.Admission;

/// <summary>
/// An AdmissionReview's request object as read from the tokens, with object and oldObject decoded
/// on the way (no DOM is kept). Each field's last occurrence wins.
/// </summary>
internal struct ReviewRequest
{
    private TextField _uid, _operation, _namespace, _name, _subResource, _kind;
    private bool _dryRun;
    private DecodedObject? _object, _oldObject;

    // Any occurrence of a string field that could not be transcoded; a DOM walk over every property threw on it.
    private InvalidOperationException? _failure;

    /// <summary>False when the value was not an object (the AdmissionReview has no request).</summary>
    public bool IsObject { get; private set; }

    public static ReviewRequest Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        var request = new ReviewRequest { IsObject = true };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                request._object = StreamingWorkloadReader.Read(ref reader);
            }
            else if (reader.ValueTextEquals("oldObject"u8))
            {
                reader.Read();
                request._oldObject = StreamingWorkloadReader.Read(ref reader);
            }
            else if (reader.ValueTextEquals("uid"u8))
            {
                request._uid = request.Text(ref reader);
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                reader.Read();
                request._kind = request.KindOf(ref reader);
            }
            else if (reader.ValueTextEquals("operation"u8))
            {
                request._operation = request.Text(ref reader);
            }
            else if (reader.ValueTextEquals("namespace"u8))
            {
                request._namespace = request.Text(ref reader);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                request._name = request.Text(ref reader);
            }
            else if (reader.ValueTextEquals("subResource"u8))
            {
                request._subResource = request.Text(ref reader);
            }
            else if (reader.ValueTextEquals("dryRun"u8))
            {
                reader.Read();
                request._dryRun = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return request;
    }

    public readonly bool TryCheck(out AdmissionRequestFields fields, out string error)
    {
        fields = default;
        if (_failure is not null)
        {
            throw new InvalidOperationException(_failure.Message, _failure);
        }

        if (_uid.Value is not { Length: > 0 } uid)
        {
            error = "request.uid is missing or empty: the response could not echo it";
            return false;
        }

        fields = new AdmissionRequestFields(uid, _kind.Value, _operation.Value, _namespace.Value, _name.Value, _subResource.Value,
            _dryRun, _object ?? DecodedObject.Missing, _oldObject ?? DecodedObject.Missing);
        error = string.Empty;
        return true;
    }

    private TextField Text(ref Utf8JsonReader reader)
    {
        reader.Read();
        var field = TextField.Read(ref reader);
        _failure ??= field.Failure;
        return field;
    }

    /// <summary>request.kind is a GroupVersionKind object; its "kind" (the last one) is what counts.</summary>
    private TextField KindOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        TextField kind = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isKind = reader.ValueTextEquals("kind"u8);
            reader.Read();
            if (isKind)
            {
                kind = TextField.Read(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        _failure ??= kind.Failure;
        return kind;
    }
}
