using System.Text;

namespace Pinned.Audit.Reporting;

/// <summary>
/// The pins the cluster already knows, as the file <c>pinned pin --from</c> reads: a YAML mapping
/// of image, as written, to its pinned reference, one double-quoted pair a line.
/// </summary>
internal static class PinsFile
{
    public static void Write(IReadOnlyList<KnownPin> pins, Stream output)
    {
        using var text = new StreamWriter(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true) { NewLine = "\n" };
        text.WriteLine("# image: pinned image — the digests this cluster's pods run (pinned audit --pins), for pinned pin --from");
        foreach (var pin in pins)
        {
            text.WriteLine($"{Quote(pin.Image)}: {Quote(pin.Pinned)}");
        }
    }

    // Image references never hold quotes or backslashes when valid; an invalid one is never pinned.
    private static string Quote(string text) => $"\"{text}\"";
}
