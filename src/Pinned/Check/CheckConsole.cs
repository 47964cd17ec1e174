namespace Pinned.Check;

/// <summary>
/// Where `pinned check` reads standard input and writes its report and errors. The process's own
/// console by default; tests pass streams so that each runs the real command in isolation.
/// </summary>
internal sealed class CheckConsole(Func<Stream> openInput, Stream output, TextWriter error, bool useColor, string workingDirectory)
{
    public Func<Stream> OpenInput { get; } = openInput;

    public Stream Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Colour only on a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    public bool UseColor { get; } = useColor;

    /// <summary>SARIF locations are made relative to this folder.</summary>
    public string WorkingDirectory { get; } = workingDirectory;

    public static CheckConsole System() => new(
        Console.OpenStandardInput,
        Console.OpenStandardOutput(),
        Console.Error,
        useColor: !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
        Environment.CurrentDirectory);
}
