using System.Globalization;

namespace Pinned.Policy;

/// <summary>Durations as Kubernetes and Helm users write them: 500ms, 2s, 10m, 1h (or .NET's 00:00:02).</summary>
public static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        text = text.Trim();
        (string Suffix, double Factor)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, factor) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                // Beyond TimeSpan's range FromMilliseconds would throw: an absurd value is a bad value.
                var milliseconds = number * factor;
                value = milliseconds < TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.FromMilliseconds(milliseconds) : default;
                return milliseconds < TimeSpan.MaxValue.TotalMilliseconds;
            }
        }

        // Only the hh:mm:ss form: .NET reads a bare "2" as two days, which nobody writing "2" means.
        value = default;
        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }

    public static string Format(TimeSpan value) =>
        value.TotalHours >= 1 && value.TotalHours == Math.Floor(value.TotalHours) ? $"{value.TotalHours}h"
        : value.TotalMinutes >= 1 && value.TotalMinutes == Math.Floor(value.TotalMinutes) ? $"{value.TotalMinutes}m"
        : value.TotalSeconds >= 1 && value.TotalSeconds == Math.Floor(value.TotalSeconds) ? $"{value.TotalSeconds}s"
        : $"{value.TotalMilliseconds}ms";
}
