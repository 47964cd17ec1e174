using System.Collections;
using Pinned.Policy;
using Pinned.Serve;

namespace Pinned.Tests.Serve;

public sealed class EnvironmentOverridesTests
{
    [Fact]
    public void Policy_variables_become_configuration_keys_with_the_files_spelling()
    {
        var environment = new Hashtable
        {
            ["PINNED_MODE"] = "audit",
            ["PINNED_RULES__MUTABLE-TAG__ACTION"] = "warn",
            ["PINNED_RULES__HOST_PATH__ALLOWEDHOSTPATHS__0__PATHPREFIX"] = "/var/log",
            ["PINNED_EXEMPTNAMESPACES__0"] = "tools",
            ["PATH"] = "/usr/bin",
        };

        var keys = EnvironmentOverrides.Read(environment);

        Assert.Equal(
            [
                new("exemptNamespaces:0", "tools"),
                new("mode", "audit"),
                new("rules:host-path:allowedHostPaths:0:pathPrefix", "/var/log"),
                new("rules:mutable-tag:action", "warn"),
            ],
            keys);
    }

    [Fact]
    public void Unrelated_PINNED_variables_are_not_read_as_policy()
    {
        var environment = new Hashtable { ["PINNED_SHARED"] = "/work/shared", ["PINNED_CI_STATE"] = "/tmp/x", ["PINNED_REGISTRY"] = "localhost:5000" };

        Assert.Empty(EnvironmentOverrides.Read(environment));
    }

    [Fact]
    public void Overrides_apply_on_top_of_the_file_and_errors_name_the_key()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("pinned-env-").FullName, "policy.yaml");
        File.WriteAllText(file, "mode: enforce\nrules:\n  mutable-tag: { action: enforce, mutableTags: [latest, stable] }\n");

        var policy = PolicyLoader.Load(file, EnvironmentOverrides.Read(new Hashtable { ["PINNED_RULES__MUTABLE_TAG__ACTION"] = "audit" }));
        var error = Assert.Throws<PolicyException>(() =>
            PolicyLoader.Load(file, EnvironmentOverrides.Read(new Hashtable { ["PINNED_MODE"] = "off" })));

        Assert.Equal(RuleAction.Audit, policy.MutableTag.Action);
        Assert.Equal(["latest", "stable"], policy.MutableTag.MutableTags);
        Assert.Contains(error.Errors, e => e.StartsWith("mode: 'off'", StringComparison.Ordinal));
    }
}
