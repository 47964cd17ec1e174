namespace Pinned.Check;

/// <summary>The report formats of `pinned check --output`.</summary>
internal enum CheckOutput
{
    Text,
    Json,
    Sarif,
}
