using System.Text.Json;

namespace Pinned.Admission;

/// <summary>
/// The fields of an AdmissionReview's request that the decision needs. Object and OldObject point
/// into the parsed body (no copy), so they live only as long as its JsonDocument.
/// </summary>
internal readonly record struct AdmissionRequestFields(
    string Uid,
    string? Kind,
    string? Operation,
    string? Namespace,
    string? Name,
    string? SubResource,
    bool DryRun,
    JsonElement Object,
    JsonElement OldObject);
