using System.Text.Json;

namespace Pinned.Tests.Serve;

/// <summary>Semantic JSON equality (property order ignored) that names the first path where two documents differ.</summary>
internal static class JsonAssert
{
    public static void Equivalent(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        if (Difference(e.RootElement, a.RootElement, "$") is { } difference)
        {
            Assert.Fail($"JSON differs at {difference}\nexpected: {expected}\nactual:   {actual}");
        }
    }

    private static string? Difference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind}, got {actual.ValueKind}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var property in expected.EnumerateObject())
                {
                    if (!actual.TryGetProperty(property.Name, out var value))
                    {
                        return $"{path}.{property.Name}: missing";
                    }

                    actualNames.Remove(property.Name);
                    if (Difference(property.Value, value, $"{path}.{property.Name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return actualNames.Count == 0 ? null : $"{path}: unexpected {string.Join(", ", actualNames)}";
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: expected {expected.GetArrayLength()} items, got {actual.GetArrayLength()}";
                }

                for (int i = 0; i < expected.GetArrayLength(); i++)
                {
                    if (Difference(expected[i], actual[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return expected.GetRawText() == actual.GetRawText() || JsonElement.DeepEquals(expected, actual)
                    ? null
                    : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
        }
    }
}
