using System.CommandLine;
using Pinned.Pinning;
using Pinned.Policy;
using Pinned.Registry;

namespace Pinned.Cli;

/// <summary><c>pinned pin PATH… [--dry-run] [--config FILE | --from PINS]</c>: appends each unpinned image's
/// digest to the manifests, in place.</summary>
internal static class PinCommand
{
    public const string Name = "pin";

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Manifest files or folders (YAML, multi-document, or JSON); - for stdin (written to stdout)",
            Arity = ArgumentArity.OneOrMore,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Write the pinned manifests to stdout; change no file" };
        var config = new Option<string?>("--config") { Description = "Policy file whose registry: section says how to reach registries" };
        var from = new Option<string?>("--from")
        {
            Description = "Take digests from this file (image: pinned image, as `pinned audit --pins` prints) instead of asking registries",
        };
        var command = new Command(Name, "Pin every image to the digest its tag has now: nginx:1.27 → nginx:1.27@sha256:…")
        {
            paths, dryRun, config, from,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(from) is { } pinsFile)
            {
                PinsFileResolver pins;
                try
                {
                    pins = PinsFileResolver.Load(pinsFile);
                }
                catch (PinsFileException e)
                {
                    await Console.Error.WriteLineAsync($"pinned pin: {e.Message}");
                    return 2;
                }

                return await new PinRunner(pins, Console.Out, Console.Error)
                    .RunAsync(parse.GetValue(paths) ?? [], parse.GetValue(dryRun), cancellationToken);
            }

            DigestResolver resolver;
            try
            {
                resolver = new DigestResolver(RegistryClientOptions.From(PolicyLoader.Load(parse.GetValue(config)).Registry));
            }
            catch (Exception e) when (e is PolicyException or RegistryConfigurationException)
            {
                // A bad policy file, CA bundle or Docker config: nothing can be resolved.
                await Console.Error.WriteLineAsync($"pinned pin: {e.Message}");
                return 2;
            }
            using (resolver)
            {
                return await new PinRunner(resolver, Console.Out, Console.Error)
                    .RunAsync(parse.GetValue(paths) ?? [], parse.GetValue(dryRun), cancellationToken);
            }
        });
        return command;
    }
}
