using Pinned.Policy;

namespace Pinned.Audit;

/// <summary>
/// A violation with its path relative to its pod spec ("containers[0].image" for both
/// "spec.containers[0].image" in a pod and "spec.template.spec.containers[0].image" in its
/// Deployment), so that a pod's violations can be matched with its owner's template's.
/// </summary>
internal readonly record struct ViolationKey(string RuleId, string RelativePath, string? Image)
{
    public static ViolationKey Of(Violation violation, string specPath)
    {
        var path = violation.Path.StartsWith(specPath, StringComparison.Ordinal) && violation.Path.Length > specPath.Length
            && violation.Path[specPath.Length] == '.'
            ? violation.Path[(specPath.Length + 1)..]
            : violation.Path;
        return new ViolationKey(violation.RuleId, path, violation.Image);
    }
}
