namespace Pinned.Chart.Tests.Infrastructure;

/// <summary>The `pinned` executable this project references, run through the current dotnet host.</summary>
internal static class PinnedExecutable
{
    public static string Host =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Host arguments that start `pinned` with these arguments.</summary>
    public static IEnumerable<string> Arguments(params string[] arguments) =>
        arguments.Prepend(Path.Combine(AppContext.BaseDirectory, "pinned.dll"));
}
