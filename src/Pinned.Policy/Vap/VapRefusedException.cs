namespace Pinned.Policy.Vap;

/// <summary>The policy holds something the API server cannot enforce in CEL; the message says what and why.</summary>
public sealed class VapRefusedException(string message) : Exception(message);
