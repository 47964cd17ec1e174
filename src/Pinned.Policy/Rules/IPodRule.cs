namespace Pinned.Policy;

/// <summary>A rule judges one pod spec and appends what it finds; it never stops at the first violation.</summary>
internal interface IPodRule
{
    string Id { get; }

    RuleAction Action { get; }

    void Evaluate(PodSpecView pod, RuleAction action, List<Violation> into);
}
