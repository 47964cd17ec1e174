using System.CommandLine;

namespace Pinned.Cli;

internal static class PinCommand
{
    public static Command Create()
    {
        var command = new Command("pin", "Not implemented yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("pinned pin: not implemented yet");
            return 2;
        });
        return command;
    }
}
