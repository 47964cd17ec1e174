using System.CommandLine;
using System.Net;
using Pinned.Policy;
using Pinned.Serve;
using Pinned.Tls;

namespace Pinned.Cli;

/// <summary>`pinned serve`: the admission webhook over HTTPS (SPEC.md §5).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var address = new Option<string>("--address") { Description = "IP address to listen on.", DefaultValueFactory = _ => "0.0.0.0" };
        var port = new Option<int>("--port") { Description = "HTTPS port.", DefaultValueFactory = _ => 8443 };
        var cert = new Option<string?>("--cert") { Description = "PEM certificate (chain) file, e.g. tls.crt; reloaded when it changes." };
        var key = new Option<string?>("--key") { Description = "PEM private key file, e.g. tls.key." };
        var dev = new Option<bool>("--dev") { Description = "Serve with a self-signed certificate made at start (localhost, 127.0.0.1, ::1)." };
        var config = new Option<string?>("--config", "-c") { Description = "Policy file (YAML or JSON); PINNED_* environment variables override its keys." };
        var mode = new Option<string?>("--mode") { Description = "Overrides the policy's mode (enforce, audit, warn)." };
        mode.AcceptOnlyFromAmong("enforce", "audit", "warn");
        var reload = Duration("--cert-reload-interval", "How often to look for rotated certificate files, besides watching them.", TimeSpan.FromSeconds(10));
        var shutdownDelay = Duration("--shutdown-delay",
            "After SIGTERM, keep answering (not ready) this long before draining, while endpoints update.", TimeSpan.FromSeconds(3));

        var command = new Command("serve", "Run the admission webhook (POST /validate, /validate/audit, /validate/warn; GET /healthz, /readyz, /metrics).")
        {
            address, port, cert, key, dev, config, mode, reload, shutdownDelay,
        };
        command.SetAction((parse, cancellation) =>
        {
            if (!IPAddress.TryParse(parse.GetRequiredValue(address), out var ip))
            {
                return Task.FromResult(Usage($"--address '{parse.GetValue(address)}' is not an IP address"));
            }

            var (certPath, keyPath, isDev) = (parse.GetValue(cert), parse.GetValue(key), parse.GetValue(dev));
            if (isDev == (certPath is not null || keyPath is not null))
            {
                return Task.FromResult(Usage("give either --cert and --key, or --dev"));
            }

            if (!isDev && (certPath is null || keyPath is null))
            {
                return Task.FromResult(Usage("--cert and --key go together"));
            }

            var settings = new ServeSettings
            {
                Address = ip,
                Port = parse.GetValue(port),
                Dev = isDev,
                Certificate = isDev ? null : new CertificateFiles(certPath!, keyPath!, parse.GetValue(reload)),
                ShutdownDelay = parse.GetValue(shutdownDelay),
            };
            return ServeRunner.RunAsync(settings, parse.GetValue(config), parse.GetValue(mode), Console.Error, cancellation);
        });
        return command;
    }

    /// <summary>A duration option written as Kubernetes users write them: 500ms, 3s, 1m.</summary>
    private static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = $"{description} [default: {DurationText.Format(defaultValue)}]",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (DurationText.TryParse(text, out var value) && value >= TimeSpan.Zero)
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a duration (e.g. 500ms, 3s, 1m)");
            return defaultValue;
        },
    };

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"pinned serve: {message}");
        return ServeRunner.StartupErrorExitCode;
    }
}
