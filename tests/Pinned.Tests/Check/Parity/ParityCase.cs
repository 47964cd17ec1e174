namespace Pinned.Tests.Check.Parity;

/// <summary>
/// One input of the kubectl parity table: its bytes, how many objects kubectl read from it (null
/// when kubectl refuses the file), and what `pinned check` must report: objects judged, objects
/// denied, input errors, exit code.
/// </summary>
public sealed record ParityCase(string Name, byte[] Bytes, int? KubectlObjects, int Objects, int Denied, int Errors, int ExitCode)
{
    /// <summary>Set where Pinned judges more than kubectl reads (never less): why.</summary>
    public string? Departure { get; init; }

    /// <summary>Set where kubectl reads part of a broken input and silently drops the rest, and Pinned refuses it: why.</summary>
    public string? Refusal { get; init; }

    public override string ToString() => Name;
}
