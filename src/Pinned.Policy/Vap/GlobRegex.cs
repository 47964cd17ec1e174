using System.Text;

namespace Pinned.Policy.Vap;

/// <summary>
/// An exemptImages glob as an anchored RE2 expression over the normalised reference, read exactly
/// as <see cref="ImageGlob"/> reads it: after the same normalisation (Docker Hub's domain for a
/// pattern without one), '**' matches anything, '*' anything but '/', every other character itself.
/// </summary>
internal static class GlobRegex
{
    public static string For(ImageGlob glob)
    {
        var pattern = glob.NormalizedPattern;
        var regex = new StringBuilder("(?s)\\A");
        for (int p = 0; p < pattern.Length; p++)
        {
            if (pattern[p] == '*')
            {
                bool crossesSlash = p + 1 < pattern.Length && pattern[p + 1] == '*';
                p += crossesSlash ? 1 : 0;
                regex.Append(crossesSlash ? ".*" : "[^/]*");
            }
            else
            {
                regex.Append(ReferenceRegex.Escape(pattern[p].ToString()));
            }
        }

        return regex.Append("\\z").ToString();
    }
}
