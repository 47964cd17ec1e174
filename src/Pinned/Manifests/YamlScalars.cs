using System.Globalization;
using System.Numerics;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pinned.Manifests;

/// <summary>
/// Types a YAML scalar as JSON the way the YAML 1.2 core schema does: a plain scalar may be null,
/// a boolean or a number; a quoted or block scalar is always a string; an explicit standard tag
/// (!!str, !!int…) wins. Unlike YAML 1.1, "yes", "on" and "off" stay strings. Infinity and NaN
/// have no JSON form and are kept as their text.
/// </summary>
internal static class YamlScalars
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    public static void Write(Utf8JsonWriter writer, Scalar scalar)
    {
        var value = scalar.Value;
        if (!scalar.Tag.IsEmpty)
        {
            var tag = scalar.Tag.IsNonSpecific ? string.Empty : scalar.Tag.Value;
            switch (tag)
            {
                case TagPrefix + "null":
                    writer.WriteNullValue();
                    return;
                case TagPrefix + "bool" when TryWriteBoolean(writer, value):
                case TagPrefix + "int" or TagPrefix + "float" when TryWriteNumber(writer, value):
                    return;
                default:
                    writer.WriteStringValue(value);
                    return;
            }
        }

        if (scalar.Style != ScalarStyle.Plain || !TryWritePlain(writer, value))
        {
            writer.WriteStringValue(value);
        }
    }

    private static bool TryWritePlain(Utf8JsonWriter writer, string value)
    {
        if (value.Length == 0)
        {
            writer.WriteNullValue();
            return true;
        }

        switch (value[0])
        {
            case '~' or 'n' or 'N' when value is "~" or "null" or "Null" or "NULL":
                writer.WriteNullValue();
                return true;
            case 't' or 'T' or 'f' or 'F':
                return TryWriteBoolean(writer, value);
            case (>= '0' and <= '9') or '-' or '+' or '.':
                return TryWriteNumber(writer, value);
            default:
                return false;
        }
    }

    private static bool TryWriteBoolean(Utf8JsonWriter writer, string value)
    {
        switch (value)
        {
            case "true" or "True" or "TRUE":
                writer.WriteBooleanValue(true);
                return true;
            case "false" or "False" or "FALSE":
                writer.WriteBooleanValue(false);
                return true;
            default:
                return false;
        }
    }

    private static bool TryWriteNumber(Utf8JsonWriter writer, string value)
    {
        var text = value.AsSpan();
        if (text.StartsWith("0o") && IsDigits(text[2..], 8))
        {
            return WriteInteger(writer, text[2..], 8);
        }

        if (text.StartsWith("0x") && IsDigits(text[2..], 16))
        {
            return WriteInteger(writer, text[2..], 16);
        }

        var unsigned = text.Length > 0 && text[0] is '-' or '+' ? text[1..] : text;
        if (IsDigits(unsigned, 10))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small))
            {
                writer.WriteNumberValue(small);
            }
            else
            {
                writer.WriteRawValue(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                    .ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
            }

            return true;
        }

        if (IsCoreFloat(unsigned)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
            return true;
        }

        return false;
    }

    private static bool WriteInteger(Utf8JsonWriter writer, ReadOnlySpan<char> digits, int radix)
    {
        BigInteger result = BigInteger.Zero;
        foreach (var c in digits)
        {
            result = (result * radix) + HexValue(c);
        }

        writer.WriteRawValue(result.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool IsDigits(ReadOnlySpan<char> text, int radix)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            bool ok = radix switch
            {
                8 => c is >= '0' and <= '7',
                10 => char.IsAsciiDigit(c),
                _ => char.IsAsciiHexDigit(c),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?, without the sign.</summary>
    private static bool IsCoreFloat(ReadOnlySpan<char> text)
    {
        int i = 0;
        int integerDigits = CountDigits(text, ref i);
        int fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(text, ref i);
        }

        if (integerDigits == 0 && fractionDigits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+')
            {
                i++;
            }

            if (CountDigits(text, ref i) == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static int CountDigits(ReadOnlySpan<char> text, ref int i)
    {
        int start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i - start;
    }
}
