namespace Pinned.Check;

/// <summary>Counts over one run of `pinned check`; the exit code follows from them.</summary>
internal sealed class CheckSummary
{
    public int Objects { get; set; }

    public int Denied { get; set; }

    public int Violations { get; set; }

    public int Exempt { get; set; }

    public int Errors { get; set; }

    public int Skipped { get; set; }

    public int Inputs { get; set; }

    /// <summary>2 when some input could not be read or parsed, else 1 when something is denied, else 0.</summary>
    public int ExitCode => Errors > 0 ? 2 : Denied > 0 ? 1 : 0;
}
