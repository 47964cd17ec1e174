using Pinned.Manifests;

namespace Pinned.Check;

/// <summary>Writes the report of `pinned check` as results arrive, in one format.</summary>
internal interface ICheckReporter : IDisposable
{
    void Object(ObjectVerdict verdict);

    void Error(ManifestError error);

    /// <summary>A document skipped because it is no Kubernetes object (a values file, a policy file): said, not an error.</summary>
    void Skipped(ManifestError note);

    /// <summary>Closes the report (summary, closing brackets) and flushes it.</summary>
    void Complete(CheckSummary summary);
}
