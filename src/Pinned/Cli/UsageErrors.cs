using System.CommandLine;
using System.CommandLine.Invocation;

namespace Pinned.Cli;

/// <summary>
/// A command line that does not parse exits 2, for every subcommand: for check and pin, exit 1
/// means "something was denied" (or "could not be pinned") and nothing else, and 2 is already
/// their code for input they cannot use, as it is serve's code for a start-up it cannot make.
/// </summary>
internal static class UsageErrors
{
    public const int ExitCode = 2;

    public static bool Any(ParseResult parse) => parse.Errors.Count > 0;

    /// <summary>Prints the errors and the usage as System.CommandLine does, and returns <see cref="ExitCode"/>.</summary>
    public static int Report(ParseResult parse)
    {
        new ParseErrorAction().Invoke(parse);
        return ExitCode;
    }
}
