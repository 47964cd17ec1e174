namespace Pinned.Audit.Reporting;

/// <summary>
/// "listing Pods: 1500" on one line of stderr, rewritten after each page, and erased at the end;
/// only when stderr is a terminal (a log or a CI job gets no carriage returns).
/// </summary>
internal sealed class ListingProgress(TextWriter stderr) : IDisposable
{
    private int _width;

    public void Report(string kind, int count)
    {
        var line = $"pinned audit: listing {kind}s: {count}";
        stderr.Write("\r" + line.PadRight(_width));
        _width = Math.Max(_width, line.Length);
        stderr.Flush();
    }

    public void Dispose()
    {
        if (_width > 0)
        {
            stderr.Write("\r" + new string(' ', _width) + "\r");
            stderr.Flush();
        }
    }
}
