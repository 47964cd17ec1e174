using System.Net;
using System.Text;

namespace Pinned.Tests.Serve;

/// <summary>The real `pinned serve` process: start-up validation, environment overrides, and SIGTERM drain.</summary>
public sealed class ServeProcessTests
{
    [Fact]
    public async Task SIGTERM_turns_readiness_off_lets_an_in_flight_review_finish_and_exits_0()
    {
        using var volume = new KubeletSecretVolume();
        var certificate = TestCertificates.Create("pinned-process");
        volume.Publish(certificate.CertPem, certificate.KeyPem);
        await using var process = PinnedProcess.Start(
            ["serve", "--address", "127.0.0.1", "--port", "0", "--cert", volume.CertPath, "--key", volume.KeyPath, "--shutdown-delay", "1s"]);
        var address = await process.WaitForListeningAsync();
        bool Trust(System.Security.Cryptography.X509Certificates.X509Certificate2 c) => c.Thumbprint == certificate.Thumbprint;
        using var client = WebhookServer.CreateClient(address, HttpVersion.Version11, Trust);
        Assert.Equal("ready", (await client.GetStringAsync("/readyz", TestContext.Current.CancellationToken)).Trim());

        // A review whose body is still arriving when SIGTERM comes.
        await using var inFlight = await RawTlsClient.ConnectAsync(address, Trust);
        var review = Reviews.WithUid("captured-01-pod-create", "in-flight");
        await inFlight.SendHeadersAsync("/validate?timeout=10s", Encoding.UTF8.GetByteCount(review));
        await inFlight.SendAsync(review[..200]);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        process.Terminate();

        await WaitUntilAsync(async () =>
        {
            using var probe = WebhookServer.CreateClient(address, HttpVersion.Version11, Trust);
            using var response = await probe.GetAsync("/readyz", TestContext.Current.CancellationToken);
            return response.StatusCode == HttpStatusCode.ServiceUnavailable;
        });
        await Task.Delay(1200, TestContext.Current.CancellationToken); // past the shutdown delay: Kestrel is draining
        await inFlight.SendAsync(review[200..]);
        var (status, body) = await inFlight.ReadResponseAsync(TimeSpan.FromSeconds(15));

        Assert.True(status == 200, $"HTTP {status}: {body}\n{process.Stdout}");
        Assert.Equal("in-flight", Reviews.Response(body)["uid"]!.GetValue<string>());
        Assert.Equal(0, await process.WaitForExitAsync(PinnedProcess.ExitBudget));
        Assert.Contains("\"EventId\":1301", process.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_variables_override_the_policy_file()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("pinned-policy-").FullName, "policy.yaml");
        File.WriteAllText(config, "mode: enforce\nrules:\n  host-path: { action: enforce }\n");
        await using var process = PinnedProcess.Start(
            ["serve", "--dev", "--address", "127.0.0.1", "--port", "0", "--config", config, "--shutdown-delay", "0s"],
            new Dictionary<string, string> { ["PINNED_RULES__HOST_PATH__ACTION"] = "warn", ["PINNED_SHARED"] = "/not/a/policy/key" });
        var address = await process.WaitForListeningAsync();
        using var client = WebhookServer.CreateClient(address, HttpVersion.Version11, c => c.Subject == "CN=pinned-dev");

        using var response = await client.PostAsync("/validate",
            new StringContent(Reviews.Request("captured-09-daemonset-hostpath-create"), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var answer = Reviews.Response(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(answer["allowed"]!.GetValue<bool>());
        Assert.StartsWith("[host-path] spec.template.spec.volumes[0]", answer["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(PinnedProcess.ExitBudget));
    }

    [Fact]
    public async Task Serving_puts_no_watch_on_the_directories_below_the_working_one()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "counts inotify watches through /proc");
        var workingDirectory = Directory.CreateTempSubdirectory("pinned-cwd-").FullName;
        for (int i = 0; i < 20; i++)
        {
            Directory.CreateDirectory(Path.Combine(workingDirectory, $"project{i}", "bin"));
        }

        await using var process = PinnedProcess.Start(["serve", "--dev", "--address", "127.0.0.1", "--port", "0", "--shutdown-delay", "0s"],
            workingDirectory: workingDirectory);
        await process.WaitForListeningAsync();

        Assert.Equal(0, process.InotifyWatchCount());
        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(PinnedProcess.ExitBudget));
    }

    public static TheoryData<string, string[], string, string> StartupErrors => new()
    {
        { "a bad action in the file", ["--config", "{policy}"], "", "rules.mutable-tag.action" },
        { "a bad action in the environment", [], "PINNED_RULES__MUTABLE-TAG__ACTION=sometimes", "rules.mutable-tag.action: 'sometimes'" },
        { "an unknown key in the environment", [], "PINNED_RULES__MUTABLE-TAG__TAGS__0=latest", "rules.mutable-tag.TAGS: unknown key" },
        { "an unknown option", ["--bogus"], "", "Unrecognized command or argument '--bogus'" },
        { "no certificate", ["--no-dev"], "", "give either --cert and --key, or --dev" },
        { "a missing registry CA file with mutation on", [], "PINNED_MUTATION__ENABLED=true;PINNED_REGISTRY__CAFILE=/nonexistent/ca.pem", "registry.caFile: cannot read CA certificates from /nonexistent/ca.pem" },
        { "a Docker config that is not JSON with mutation on", [], "PINNED_MUTATION__ENABLED=true;PINNED_REGISTRY__DOCKERCONFIG={policy}", "is not a Docker config.json" },
        { "a missing certificate file", ["--no-dev", "--cert", "/nonexistent/tls.crt", "--key", "/nonexistent/tls.key"], "", "cannot load a certificate" },
    };

    [Theory, MemberData(nameof(StartupErrors))]
    public async Task Unusable_configuration_stops_the_start_with_exit_2_and_names_the_problem(string what, string[] args, string environment, string error)
    {
        var policy = Path.Combine(Directory.CreateTempSubdirectory("pinned-policy-").FullName, "policy.yaml");
        File.WriteAllText(policy, "rules:\n  mutable-tag: { action: off }\n");
        var arguments = new List<string> { "serve", "--address", "127.0.0.1", "--port", "0" };
        if (!args.Contains("--no-dev"))
        {
            arguments.Add("--dev");
        }

        arguments.AddRange(args.Where(a => a != "--no-dev").Select(a => a == "{policy}" ? policy : a));
        var env = environment.Length == 0
            ? null
            : environment.Split(';').Select(pair => pair.Split('=')).ToDictionary(kv => kv[0], kv => kv[1].Replace("{policy}", policy, StringComparison.Ordinal));
        await using var process = PinnedProcess.Start(arguments, env);

        var exit = await process.WaitForExitAsync(PinnedProcess.ExitBudget);

        Assert.True(exit == 2, $"{what}: exit {exit}\n{process.Stderr}");
        Assert.Contains(error, process.Stderr, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail("condition not met in 5 s");
    }
}
