using Pinned.Policy;

namespace Pinned.Check;

/// <summary>A violation with the manifest line of the node its JSON path names.</summary>
internal readonly record struct LocatedViolation(Violation Violation, int Line);
