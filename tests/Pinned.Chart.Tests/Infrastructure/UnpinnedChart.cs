namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>The chart rendered with a tag-only image and a hostPath volume: what the own-policy checks must catch.</summary>
internal static class UnpinnedChart
{
    private const string Values = "image:\n  digest: \"\"\n  tag: latest\nextraVolumes:\n  - name: src\n    hostPath:\n      path: /srv\n";

    public static async Task<string> RenderTextAsync()
    {
        var dir = Directory.CreateTempSubdirectory("pinned-unpinned-");
        try
        {
            var values = Path.Combine(dir.FullName, "values.yaml");
            await File.WriteAllTextAsync(values, Values);
            return await ChartRenderer.RenderTextAsync(RepoLayout.Chart, [values]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
