namespace Pinned.Policy;

/// <summary>The policy could not be loaded; <see cref="Errors"/> lists every problem, each naming its key.</summary>
public sealed class PolicyException : Exception
{
    public PolicyException(IReadOnlyList<string> errors)
        : base("invalid policy:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
    {
        Errors = errors;
    }

    public PolicyException()
        : this(["unknown error"])
    {
    }

    public PolicyException(string message)
        : this([message])
    {
    }

    public PolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; }
}
