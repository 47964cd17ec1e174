using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Pinned.Testing;

/// <summary>
/// What a test needs from outside the repository (../shared, a helm binary, an API server).
/// Missing on a contributor's machine, the test is skipped with one line saying what it needs and
/// how to provide it; missing under CI=true, the test fails: CI must never pass by skipping.
/// </summary>
internal static class Requirements
{
    public const string HowToProvideShared =
        "clone the repository beside a shared/ folder (../shared), or set PINNED_SHARED=/path/to/shared";

    /// <summary>True under CI (CI=true, as GitHub Actions and .ci/run set it).</summary>
    public static bool InCi =>
        Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>The shared folder's path, or a skip (a failure under CI) saying that <paramref name="what"/> needs it.</summary>
    public static string Shared(string what) => SharedFiles.Locate() ?? Missing<string>(what, HowToProvideShared);

    /// <summary>Skips the running test (fails it under CI): <paramref name="what"/> is missing.</summary>
    [DoesNotReturn]
    public static void Skip(string what, string howToProvide) => Missing<object>(what, howToProvide);

    /// <summary>As <see cref="Skip(string, string)"/>, where an expression of type <typeparamref name="T"/> is needed (after <c>??</c>).</summary>
    [DoesNotReturn]
    public static T Skip<T>(string what, string howToProvide) => Missing<T>(what, howToProvide);

    /// <summary>
    /// Theory rows built from the shared folder, or, outside CI when it is missing, one skipped row
    /// (so that discovery still lists the theory and says why it did not run).
    /// </summary>
    public static TheoryData<T> SharedRows<T>(string what, Func<string, TheoryData<T>> rows)
    {
        if (SharedFiles.Locate() is { } shared)
        {
            return rows(shared);
        }

        var message = Message(what, HowToProvideShared);
        if (InCi)
        {
            throw new InvalidOperationException(message);
        }

        return [new TheoryDataRow<T>(default!) { Skip = message }];
    }

    /// <summary>One line: what is needed and how to provide it.</summary>
    public static string Message(string what, string howToProvide) =>
        InCi ? $"CI=true and {what} is missing: {howToProvide}" : $"needs {what}: {howToProvide}";

    [DoesNotReturn]
    private static T Missing<T>(string what, string howToProvide)
    {
        var message = Message(what, howToProvide);
        if (InCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        throw new UnreachableException();
    }
}
