using System.CommandLine;

namespace Pinned.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Not implemented yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pinned serve: not implemented yet");
            return 2;
        });
        return command;
    }
}
