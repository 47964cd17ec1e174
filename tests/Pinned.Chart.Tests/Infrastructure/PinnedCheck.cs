using System.Text.Json.Nodes;

namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>
/// Runs the real `pinned check - --output json` (the executable this project references) on a
/// manifest, as a CI pipeline would run `helm template … | pinned check -`. No policy file: the
/// strict defaults of SPEC.md §5, with no namespace exempt.
/// </summary>
internal static class PinnedCheck
{
    public static async Task<(int ExitCode, JsonObject Report)> RunAsync(string manifestText)
    {
        var result = await ProcessRunner.RunAsync(PinnedExecutable.Host, PinnedExecutable.Arguments("check", "-", "--output", "json"), manifestText);
        if (result.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException(result.Describe("pinned check"));
        }

        var report = JsonNode.Parse(result.StandardOutput) as JsonObject
            ?? throw new InvalidDataException($"pinned check printed no JSON report:\n{result.StandardOutput}");
        return (result.ExitCode, report);
    }
}
