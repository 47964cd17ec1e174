using System.Collections;
using System.Text;
using Pinned.Check;
using Pinned.Cli;

namespace Pinned.Tests.Check;

/// <summary>The outcome of one `pinned check` run: exit code, standard output, standard error.</summary>
internal sealed record CheckRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs the real `check` command in process, with its own console streams.</summary>
    public static CheckRun InProcess(
        string[] args, string? stdin = null, string? workingDirectory = null, bool useColor = false, Dictionary<string, string>? environment = null) =>
        InProcess(args, Encoding.UTF8.GetBytes(stdin ?? string.Empty), workingDirectory, useColor, environment);

    /// <summary>Runs the real `check` command in process, standard input holding exactly these bytes.</summary>
    public static CheckRun InProcess(
        string[] args, byte[] stdin, string? workingDirectory = null, bool useColor = false, Dictionary<string, string>? environment = null)
    {
        var output = new MemoryStream();
        var error = new StringWriter { NewLine = "\n" };
        var console = new CheckConsole(
            () => new MemoryStream(stdin, writable: false),
            output,
            error,
            useColor,
            workingDirectory ?? Environment.CurrentDirectory,
            environment is null ? null : new Hashtable(environment));
        var parse = CheckCommand.Create(() => console).Parse(args);
        int exit = UsageErrors.Any(parse) ? UsageErrors.ExitCode : parse.Invoke();
        return new CheckRun(exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }
}
