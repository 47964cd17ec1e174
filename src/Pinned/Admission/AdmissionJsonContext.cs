using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pinned.Admission;

/// <summary>Source-generated serializers for what the webhook writes; requests are read with JsonDocument.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdmissionReviewResponse))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Messages are read by people (kubectl prints them), and the answer is JSON read by the API
    /// server, never HTML: so quotes, "—" and "&lt;digest&gt;" are written as themselves, not \u escapes.
    /// </summary>
    private static readonly JsonSerializerOptions RelaxedOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static AdmissionJsonContext Relaxed { get; } = new(RelaxedOptions);
}
