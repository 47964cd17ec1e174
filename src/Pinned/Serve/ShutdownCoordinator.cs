using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinned.Telemetry;

namespace Pinned.Serve;

/// <summary>
/// On SIGTERM, before Kestrel stops: readiness goes false, then the webhook keeps answering for
/// ShutdownDelay while endpoints catch up; then the host stops Kestrel, which lets in-flight
/// reviews finish (up to HostOptions.ShutdownTimeout) and the process exits 0.
/// </summary>
internal sealed class ShutdownCoordinator(ReadinessState readiness, ServeSettings settings, TimeProvider time, ILogger<ShutdownCoordinator> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        readiness.MarkStopping();
        Log.ShutdownStarted(logger, settings.ShutdownDelay);
        if (settings.ShutdownDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(settings.ShutdownDelay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The shutdown timeout ran out: stop now.
            }
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
