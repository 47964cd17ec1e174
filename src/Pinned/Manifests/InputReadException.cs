namespace Pinned.Manifests;

/// <summary>Reading the input stream itself failed (an I/O error, not bad content); kept apart from output errors.</summary>
internal sealed class InputReadException : Exception
{
    public InputReadException(int line, Exception innerException)
        : base($"cannot read after line {line}: {innerException.Message}", innerException)
    {
        Line = line;
    }

    public InputReadException()
    {
    }

    public InputReadException(string message)
        : base(message)
    {
    }

    public InputReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Line { get; }
}
