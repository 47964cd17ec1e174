using System.Text;

namespace Pinned.Pinning;

/// <summary>One input of <c>pinned pin</c>: a file (or stdin, "-") read as UTF-8 text, with
/// its byte-order mark remembered so the rewrite keeps it.</summary>
internal sealed class ManifestSource
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ManifestSource(string name, string text, bool hasBom)
    {
        Name = name;
        Text = text;
        HasBom = hasBom;
    }

    /// <summary>The path as given, or "-" for stdin.</summary>
    public string Name { get; }

    public string Text { get; }

    public bool HasBom { get; }

    public bool IsStdin => Name == "-";

    /// <summary>Reads the input; an unreadable or non-UTF-8 one is an error message, not an exception.</summary>
    public static ManifestSource? Read(string name, Stream? stdin, out string? error)
    {
        byte[] bytes;
        try
        {
            if (name == "-")
            {
                using var buffer = new MemoryStream();
                (stdin ?? Console.OpenStandardInput()).CopyTo(buffer);
                bytes = buffer.ToArray();
            }
            else
            {
                bytes = File.ReadAllBytes(name);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{name}: cannot read: {e.Message}";
            return null;
        }
        var hasBom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        try
        {
            error = null;
            return new ManifestSource(name, StrictUtf8.GetString(bytes.AsSpan(hasBom ? 3 : 0)), hasBom);
        }
        catch (DecoderFallbackException)
        {
            error = $"{name}: not UTF-8 text";
            return null;
        }
    }

    public byte[] Encode(string text)
    {
        var body = StrictUtf8.GetBytes(text);
        return HasBom ? [.. Encoding.UTF8.Preamble, .. body] : body;
    }
}
