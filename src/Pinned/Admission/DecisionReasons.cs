namespace Pinned.Admission;

/// <summary>Why a review ended as it did, one constant per path, so that every allow says why.</summary>
internal static class DecisionReasons
{
    public const string Clean = "no-violations";
    public const string NotEnforced = "violations-not-enforced";
    public const string Enforced = "violations-enforced";
    public const string OperationNotJudged = "operation-not-judged";
    public const string NoPodSpec = "kind-without-pod-spec";
    public const string ExemptNamespace = "exempt-namespace";
    public const string InvalidObject = "invalid-object";
    public const string InternalError = "internal-error";
}
