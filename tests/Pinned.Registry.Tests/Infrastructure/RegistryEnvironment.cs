using System.Diagnostics;

[assembly: AssemblyFixture(typeof(Pinned.Registry.Tests.Infrastructure.RegistryEnvironment))]

namespace Pinned.Registry.Tests.Infrastructure;

/// <summary>
/// The real registries of <c>.ci/setup.d/10-registry.sh</c>: read from the variables it exports
/// (CI, or a shell that sourced it); when they are missing, this runs the script itself and
/// stops the registries it started at the end. Also hosts the tests' token server.
/// </summary>
public sealed class RegistryEnvironment : IAsyncLifetime
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private string? _ownState;

    public string Plain => this["PINNED_TEST_REGISTRY"];
    public string Tls => this["PINNED_TEST_REGISTRY_TLS"];
    public string Token => this["PINNED_TEST_REGISTRY_TOKEN"];
    public string CaFile => this["PINNED_TEST_REGISTRY_CA"];
    public string User => this["PINNED_TEST_REGISTRY_USER"];
    public string Password => this["PINNED_TEST_REGISTRY_PASSWORD"];
    public Uri TokenRealm => new(this["PINNED_TEST_TOKEN_REALM"]);
    public TestTokenServer TokenServer { get; private set; } = null!;

    public string this[string name] => _variables.TryGetValue(name, out var value)
        ? value
        : throw new InvalidOperationException($"{name} is not set by .ci/setup.d/10-registry.sh");

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("PINNED_TEST_REGISTRY") is null)
        {
            await StartOwnRegistries();
        }
        else
        {
            foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("PINNED_", StringComparison.Ordinal)))
            {
                _variables[name] = Environment.GetEnvironmentVariable(name)!;
            }
        }
        TokenServer = await TestTokenServer.StartAsync(this);
    }

    public async ValueTask DisposeAsync()
    {
        await TokenServer.DisposeAsync();
        if (_ownState is null)
        {
            return;
        }
        foreach (var pidFile in Directory.GetFiles(_ownState, "registry-*.pid"))
        {
            try
            {
                using var process = Process.GetProcessById(int.Parse(await File.ReadAllTextAsync(pidFile)));
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
        Directory.Delete(_ownState, recursive: true);
    }

    private async Task StartOwnRegistries()
    {
        var script = FindScript();
        _ownState = Directory.CreateTempSubdirectory("pinned-registry-tests.").FullName;
        var start = new ProcessStartInfo("bash", ["-c", $"set -euo pipefail; source \"$0\" >&2; env -0", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Own port range, so that a run beside a sourced setup does not collide with it.
        start.Environment["PINNED_CI_STATE"] = _ownState;
        start.Environment["PINNED_TEST_REGISTRY_PORT_BASE"] = "5100";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {await errors}");
        }
        foreach (var pair in (await output).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair.StartsWith("PINNED_", StringComparison.Ordinal))
            {
                _variables[pair[..equals]] = pair[(equals + 1)..];
            }
        }
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".ci", "setup.d", "10-registry.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("cannot find .ci/setup.d/10-registry.sh above " + AppContext.BaseDirectory);
    }
}
