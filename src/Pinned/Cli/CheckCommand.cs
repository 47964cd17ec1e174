using System.CommandLine;

namespace Pinned.Cli;

internal static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "Not implemented yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pinned check: not implemented yet");
            return 2;
        });
        return command;
    }
}
