using Pinned.Policy;

namespace Pinned.Admission;

/// <summary>
/// The fields of an AdmissionReview's request that the decision needs. Object and OldObject are
/// already decoded (<see cref="DecodedObject.ValueKind"/> is Undefined when the field was absent);
/// nothing points into the body, which can be released once it is read.
/// </summary>
internal readonly record struct AdmissionRequestFields(
    string Uid,
    string? Kind,
    string? Operation,
    string? Namespace,
    string? Name,
    string? SubResource,
    bool DryRun,
    DecodedObject Object,
    DecodedObject OldObject);
