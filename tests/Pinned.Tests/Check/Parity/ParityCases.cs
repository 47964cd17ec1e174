namespace Pinned.Tests.Check.Parity;

/// <summary>Every row of the kubectl parity table.</summary>
internal static class ParityCases
{
    public static IEnumerable<ParityCase> All() => EncodingCases.All().Concat(YamlCases.All()).Concat(YamlCases.Lists()).Concat(JsonCases.All());
}
