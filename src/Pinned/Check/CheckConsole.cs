using System.Collections;

namespace Pinned.Check;

/// <summary>
/// What `pinned check` takes from its process: standard input, where the report and errors go,
/// the working folder and the environment (PINNED_* policy overrides, as for `pinned serve`).
/// The process's own by default; tests pass their own so that each runs the real command in isolation.
/// </summary>
internal sealed class CheckConsole(
    Func<Stream> openInput, Stream output, TextWriter error, bool useColor, string workingDirectory, IDictionary? environment = null)
{
    public Func<Stream> OpenInput { get; } = openInput;

    public Stream Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Colour only on a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    public bool UseColor { get; } = useColor;

    /// <summary>SARIF locations are made relative to this folder.</summary>
    public string WorkingDirectory { get; } = workingDirectory;

    /// <summary>Environment variables; PINNED_MODE, PINNED_RULES__… override the policy file's keys.</summary>
    public IDictionary EnvironmentVariables { get; } = environment ?? new Hashtable();

    public static CheckConsole System() => new(
        Console.OpenStandardInput,
        Console.OpenStandardOutput(),
        Console.Error,
        useColor: !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
        Environment.CurrentDirectory,
        Environment.GetEnvironmentVariables());
}
