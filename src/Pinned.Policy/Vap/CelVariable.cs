namespace Pinned.Policy.Vap;

/// <summary>One entry of a ValidatingAdmissionPolicy's spec.variables.</summary>
internal sealed record CelVariable(string Name, string Expression);
