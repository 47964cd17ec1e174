using System.Globalization;
using System.Text;

namespace Pinned.Policy.Vap;

/// <summary>CEL literals written from C# values: every string the policy file supplies goes through <see cref="Quote"/>.</summary>
internal static class Cel
{
    /// <summary>A single-quoted CEL string; backslashes, quotes and anything outside printable ASCII are escaped.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('\'');
        foreach (var rune in text.EnumerateRunes())
        {
            int value = rune.Value;
            quoted.Append(value switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                >= 0x20 and < 0x7f => ((char)value).ToString(),
                <= 0xffff => string.Create(CultureInfo.InvariantCulture, $"\\u{value:x4}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\U{value:x8}"),
            });
        }

        return quoted.Append('\'').ToString();
    }

    /// <summary>A CEL list of string literals.</summary>
    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    /// <summary>`E.field` when present, else an empty list: optional lists of a pod spec.</summary>
    public static string ListOrEmpty(string owner, string field) => $"(has({owner}.{field}) ? {owner}.{field} : [])";

    /// <summary>`E.field` when present, else <paramref name="fallback"/>.</summary>
    public static string FieldOr(string owner, string field, string fallback) => $"(has({owner}.{field}) ? {owner}.{field} : {fallback})";

    /// <summary>Text shown in a message: line breaks become '?', since the API server refuses a message with one.</summary>
    public static string Shown(string expression) => $"{expression}.replace('\\n', '?').replace('\\r', '?')";
}
