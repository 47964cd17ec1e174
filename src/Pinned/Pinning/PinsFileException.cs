namespace Pinned.Pinning;

/// <summary>A pins file (<c>pinned pin --from</c>) that cannot be read or holds a bad entry.</summary>
internal sealed class PinsFileException(string message) : Exception(message);
