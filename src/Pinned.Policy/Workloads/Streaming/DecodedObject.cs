using System.Text.Json;

namespace Pinned.Policy;

/// <summary>
/// A JSON value read once by <see cref="StreamingWorkloadReader"/>: its kind and, for an object,
/// its identity and the pod spec found at each place a kind can keep one. Which place counts is
/// only known once the kind is (request.kind may follow the object): <see cref="ToWorkload"/>
/// chooses. The result equals what <see cref="WorkloadDecoder.Decode"/> yields on the same value.
/// </summary>
public sealed class DecodedObject
{
    /// <summary>A field that was absent (JsonElement's Undefined).</summary>
    public static DecodedObject Missing { get; } = new(JsonValueKind.Undefined);

    // A value that is not an object carries nothing else, so one instance per kind serves every review.
    private static readonly DecodedObject[] NotObjects =
        [.. Enum.GetValues<JsonValueKind>().Select(kind => new DecodedObject(kind))];

    internal DecodedObject(JsonValueKind valueKind) => ValueKind = valueKind;

    internal static DecodedObject NotAnObject(JsonValueKind valueKind) => NotObjects[(int)valueKind];

    public JsonValueKind ValueKind { get; }

    internal string? Kind { get; set; }

    internal string? ApiVersion { get; set; }

    internal string? Name { get; set; }

    internal string? Namespace { get; set; }

    /// <summary>The candidates at "spec", "spec.template.spec", "spec.jobTemplate.spec.template.spec", "template.spec"; null reads as an empty spec.</summary>
    internal PodSpecParts? AtSpec { get; set; }

    internal PodSpecParts? AtSpecTemplateSpec { get; set; }

    internal PodSpecParts? AtJobTemplate { get; set; }

    internal PodSpecParts? AtTemplateSpec { get; set; }

    /// <summary>The first string that could not be transcoded (invalid UTF-8); thrown only if the workload uses it, as JsonElement would.</summary>
    internal InvalidOperationException? TranscodeFailure { get; set; }

    /// <param name="kind">request.kind; the object's own kind field is the fallback.</param>
    public Workload ToWorkload(string? kind)
    {
        if (ValueKind != JsonValueKind.Object)
        {
            return new Workload(kind, null, null, null, null);
        }

        kind ??= Checked(Kind);
        var apiVersion = Checked(ApiVersion);
        var name = Checked(Name);
        var ns = Checked(Namespace);
        var podSpec = WorkloadKinds.TryGetLocation(kind, out _, out var path)
            ? CandidateAt(path) is { } parts ? parts.ToView(path, this) : new PodSpecView(path, [], [])
            : null;
        return new Workload(kind, apiVersion, name, ns, podSpec);
    }

    private PodSpecParts? CandidateAt(string path) => path switch
    {
        "spec" => AtSpec,
        "spec.template.spec" => AtSpecTemplateSpec,
        "spec.jobTemplate.spec.template.spec" => AtJobTemplate,
        "template.spec" => AtTemplateSpec,
        _ => throw new InvalidOperationException($"the streaming reader does not track the pod spec path {path}"),
    };

    internal string? Checked(string? value) =>
        JsonValues.IsUntranscodable(value)
            ? throw new InvalidOperationException(TranscodeFailure!.Message, TranscodeFailure)
            : value;
}
