namespace Pinned.Audit;

/// <summary>An owner reference with <c>controller: true</c>: the object that manages this one.</summary>
internal sealed record ControllerRef(string Kind, string Name, string? Uid);
