namespace Pinned.Policy;

/// <summary>A rule judges one pod spec and appends what it finds; it never stops at the first violation.</summary>
internal interface IPodRule
{
    string Id { get; }

    RuleAction Action { get; }

    /// <summary>Appends to <paramref name="into"/>, creating it at the first violation: a clean pod allocates no list.</summary>
    /// <param name="images">Every image of <paramref name="pod"/>, parsed once for all rules.</param>
    void Evaluate(PodSpecView pod, ReadOnlySpan<ParsedImage> images, RuleAction action, ref List<Violation>? into);
}
