using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Pinned.Logging;

namespace Pinned.Tests.Logging;

// These tests log through ILogger's extension methods on purpose: every call is enabled and written.
#pragma warning disable CA1873

/// <summary>The background writer: whole lines in batches, a bounded queue that drops and reports, shutdown and broken outputs.</summary>
public sealed class BatchedLogWriterTests
{
    private static readonly TimeProvider Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 4, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Lines_from_many_threads_arrive_whole_and_in_order_in_one_write_per_64_KB()
    {
        using var output = new RecordingStream(gateOpen: false);
        var provider = new BatchedJsonLoggerProvider(output, BatchedLogWriter.DefaultMaxQueuedBytes, Clock, TimeSpan.FromSeconds(30));
        var logger = provider.CreateLogger("Pinned.Test");
        logger.LogInformation("first");
        Assert.True(output.WriteStarted.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), "the writer never wrote");

        // While the first write is held, 8 threads log 2000 lines each; then the output moves.
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            for (int i = 0; i < 2000; i++)
            {
                logger.LogInformation("thread {Thread} line {Line}", thread, i);
            }
        });
        output.Open();
        provider.Dispose();

        var lines = output.Lines;
        Assert.Equal(16_001, lines.Length);
        var seen = lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("State"))
            .Select(s => (Thread: s.GetProperty("Thread").GetInt32(), Line: s.GetProperty("Line").GetInt32())).ToList();
        foreach (var thread in seen.GroupBy(s => s.Thread))
        {
            Assert.Equal(Enumerable.Range(0, 2000), thread.Select(s => s.Line));
        }

        var bytes = lines.Sum(l => l.Length + 1);
        Assert.True(output.Writes <= 2 + (bytes / (60 * 1024)), $"{output.Writes} writes for {lines.Length} lines ({bytes} bytes)");
        Assert.Equal(0, provider.Writer.DroppedTotal);
    }

    [Fact]
    public void A_full_queue_drops_new_lines_without_blocking_counts_them_and_reports_them_once_the_output_moves()
    {
        using var output = new RecordingStream(gateOpen: false);
        var probe = Line("line 000");
        var provider = new BatchedJsonLoggerProvider(output, maxQueuedBytes: probe * 10, Clock, TimeSpan.FromSeconds(30));
        var logger = provider.CreateLogger("Pinned.Test");
        logger.LogInformation("line {Number}", "000");
        Assert.True(output.WriteStarted.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), "the writer never wrote");

        for (int i = 1; i <= 100; i++)
        {
            logger.LogInformation("line {Number}", i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)); // returns at once: the output is stuck
        }

        Assert.Equal(90, provider.Writer.DroppedTotal);
        output.Open();
        provider.Dispose();

        var lines = output.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"line {i:000}"), lines.Take(11).Select(l => l.GetProperty("Message").GetString()));
        var notice = Assert.Single(lines.Skip(11));
        Assert.Equal("90 log lines dropped: the log queue was full (stdout did not keep up)", notice.GetProperty("Message").GetString());
        Assert.Equal(BatchedLogWriter.DroppedEventId, notice.GetProperty("EventId").GetInt32());
        Assert.Equal("Warning", notice.GetProperty("LogLevel").GetString());
        Assert.Equal(90, notice.GetProperty("State").GetProperty("Count").GetInt64());
    }

    [Fact]
    public void Disposing_writes_every_queued_line_and_lines_after_it_are_written_directly()
    {
        using var output = new RecordingStream();
        var provider = new BatchedJsonLoggerProvider(output, BatchedLogWriter.DefaultMaxQueuedBytes, Clock, TimeSpan.FromSeconds(30));
        var logger = provider.CreateLogger("Pinned.Test");

        for (int i = 0; i < 5000; i++)
        {
            logger.LogWarning("line {Number}", i);
        }

        provider.Dispose();
        logger.LogWarning("after shutdown");

        var messages = output.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("Message").GetString()).ToList();
        Assert.Equal(5001, messages.Count);
        Assert.Equal("line 4999", messages[4999]);
        Assert.Equal("after shutdown", messages[5000]);
    }

    [Fact]
    public void A_broken_output_loses_lines_but_never_throws_at_the_caller_or_stops_shutdown()
    {
        using var output = new BrokenPipeStream();
        var provider = new BatchedJsonLoggerProvider(output, BatchedLogWriter.DefaultMaxQueuedBytes, Clock, TimeSpan.FromSeconds(30));
        var logger = provider.CreateLogger("Pinned.Test");

        for (int i = 0; i < 1000; i++)
        {
            logger.LogInformation("line {Number}", i);
        }

        provider.Dispose();
        logger.LogInformation("after shutdown");

        Assert.True(output.Attempts >= 1);
    }

    [Fact]
    public void A_blocked_output_holds_up_disposal_no_longer_than_the_stop_timeout()
    {
        using var output = new RecordingStream(gateOpen: false);
        var provider = new BatchedJsonLoggerProvider(output, BatchedLogWriter.DefaultMaxQueuedBytes, Clock, TimeSpan.FromMilliseconds(200));
        provider.CreateLogger("Pinned.Test").LogInformation("stuck");
        Assert.True(output.WriteStarted.Wait(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken), "the writer never wrote");
        var clock = Stopwatch.StartNew();

        provider.Dispose();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"disposal took {clock.Elapsed}");
        output.Open(); // let the writer thread finish
    }

    [Fact]
    public void Levels_the_logging_configuration_filters_out_never_reach_the_output()
    {
        using var output = new RecordingStream();
        var provider = new BatchedJsonLoggerProvider(output, BatchedLogWriter.DefaultMaxQueuedBytes, Clock, TimeSpan.FromSeconds(30));
        using (var factory = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Information).AddFilter("Noisy", LogLevel.Error)))
        {
            factory.CreateLogger("Pinned.Test").LogDebug("hidden");
            factory.CreateLogger("Pinned.Test").LogInformation("shown");
            factory.CreateLogger("Noisy.Thing").LogWarning("hidden too");
        }

        provider.Dispose();

        Assert.Equal(["shown"], output.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("Message").GetString()));
    }

    private static long Line(string message)
    {
        var line = LogLineFormatter.Format(Clock.GetUtcNow(), JsonEncodedText.Encode("Pinned.Test"), LogLevel.Information, default,
            new KeyValuePair<string, object?>[] { new("Number", "000"), new("{OriginalFormat}", "line {Number}") }, null, (_, _) => message)!.Value;
        line.Return();
        return line.Length;
    }
}
