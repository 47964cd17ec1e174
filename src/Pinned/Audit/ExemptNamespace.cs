namespace Pinned.Audit;

/// <summary>A namespace the policy exempts, and how many objects of it were listed and not judged.</summary>
internal sealed record ExemptNamespace(string Namespace, int Objects);
