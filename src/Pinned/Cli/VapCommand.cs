using System.CommandLine;
using Pinned.Policy;
using Pinned.Policy.Vap;

namespace Pinned.Cli;

/// <summary>
/// `pinned vap [--config FILE] [--api-version v1|v1beta1] [--name PREFIX]`: the
/// ValidatingAdmissionPolicies and bindings that make the API server enforce the policy file itself
/// (SPEC.md §9), as YAML on stdout. Exit 0 written; 2 a policy file it cannot read, or a policy
/// that CEL cannot enforce (the reasons on stderr, nothing on stdout).
/// </summary>
internal static class VapCommand
{
    public const string Name = "vap";

    public static Command Create() => Create(() => (Console.Out, Console.Error));

    public static Command Create(Func<(TextWriter Output, TextWriter Error)> console)
    {
        var config = new Option<string?>("--config", "-c") { Description = "Policy file (YAML or JSON), the same as for `pinned serve`." };
        var apiVersion = new Option<string>("--api-version")
        {
            Description = "admissionregistration.k8s.io version: v1 (Kubernetes 1.30+) or v1beta1 (1.28-1.29 with the ValidatingAdmissionPolicy feature gate).",
            DefaultValueFactory = _ => "v1",
        };
        apiVersion.AcceptOnlyFromAmong("v1", "v1beta1");
        var prefix = new Option<string>("--name")
        {
            Description = "Name prefix of the objects: PREFIX-enforce, PREFIX-warn, PREFIX-audit.",
            DefaultValueFactory = _ => VapDocuments.DefaultPrefix,
        };
        prefix.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (string.IsNullOrEmpty(value) || value.Length > 200 || !value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')
                || !char.IsAsciiLetterOrDigit(value[0]))
            {
                result.AddError($"--name '{value}' must be a DNS subdomain prefix: lowercase letters, digits, '-' and '.', at most 200 characters");
            }
        });

        var command = new Command(Name, "Write the ValidatingAdmissionPolicies and bindings that enforce the policy in the API server itself (YAML).")
        {
            config, apiVersion, prefix,
        };
        command.SetAction(parse =>
        {
            var (output, error) = console();
            try
            {
                var policy = PolicyLoader.Load(parse.GetValue(config));
                var version = parse.GetValue(apiVersion) == "v1beta1" ? VapApiVersion.V1Beta1 : VapApiVersion.V1;
                VapWriter.Write(output, policy, version, parse.GetRequiredValue(prefix));
                return 0;
            }
            catch (PolicyException e)
            {
                error.WriteLine($"pinned vap: {e.Message}");
                return 2;
            }
            catch (VapRefusedException e)
            {
                error.WriteLine("pinned vap: the API server cannot enforce this policy as written:");
                foreach (var reason in e.Message.Split(Environment.NewLine))
                {
                    error.WriteLine("  - " + reason);
                }

                return 2;
            }
        });
        return command;
    }
}
