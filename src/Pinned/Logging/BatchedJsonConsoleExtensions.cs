using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pinned.Logging;

internal static class BatchedJsonConsoleExtensions
{
    /// <summary>How long disposal waits for a blocked stdout before giving up on the queued lines.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Logs JSON lines to stdout through <see cref="BatchedJsonLoggerProvider"/>.</summary>
    public static ILoggingBuilder AddBatchedJsonConsole(this ILoggingBuilder logging)
    {
        // A factory, not an instance: the container disposes what it created, and disposal is what
        // writes the last queued lines on shutdown.
        logging.Services.AddSingleton<ILoggerProvider>(_ =>
            new BatchedJsonLoggerProvider(Console.OpenStandardOutput(), BatchedLogWriter.DefaultMaxQueuedBytes, TimeProvider.System, StopTimeout));
        return logging;
    }
}
