using System.Diagnostics;
using System.Text;

namespace Pinned.Tests.Check;

/// <summary>Every input form of `pinned check` and every way an input can be unreadable.</summary>
public sealed class CheckInputsTests
{
    [Fact]
    public void Files_and_folders_are_read_recursively_in_sorted_order_with_only_manifest_extensions()
    {
        using var tree = new TempTree();
        tree.Write("b/z.yml", Manifests.Pod("z", "nginx"));
        tree.Write("b/a.json", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{"containers":[{"name":"c","image":"redis"}]}}""");
        tree.Write("a.YAML", Manifests.Pod("upper", "alpine"));
        tree.Write("notes.txt", "image: nginx");
        tree.Write(".hidden/x.yaml", Manifests.Pod("hidden", "nginx"));
        tree.Write("empty.yaml", string.Empty);
        var single = tree.Write("single.yaml", Manifests.Pod("single", "debian"));

        var run = CheckRun.InProcess([tree.Root, single]);

        Assert.Equal(1, run.ExitCode);
        var names = run.Output.Split('\n').Where(l => l.Contains("[mutable-tag]", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[4]).ToArray();
        Assert.Equal(["default/upper", "default/a", "default/z", "default/single", "default/single"], names);
        Assert.DoesNotContain("hidden", run.Output, StringComparison.Ordinal);
        Assert.Contains("5 objects in 5 inputs", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_manifests_is_noted_so_that_a_wrong_path_does_not_pass_unseen()
    {
        using var tree = new TempTree();
        tree.Write("templates/deployment.tpl", "{{ .Values.image }}");

        var run = CheckRun.InProcess([tree.Root]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{tree.Root}: note: no *.yaml, *.yml or *.json file in this folder\n", run.Error);
        Assert.Equal("pinned check: 0 objects in 0 inputs: 0 denied, 0 violations, 1 skipped\n", run.Output);
    }

    [Fact]
    public void Standard_input_is_read_for_a_dash()
    {
        var run = CheckRun.InProcess(["-"], "---\n" + Manifests.Pod("from-stdin", "nginx:latest"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("<stdin>:9: deny [mutable-tag] Pod default/from-stdin spec.containers[0].image", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_and_typed_lists_are_unwrapped_item_by_item_with_the_line_of_each_image()
    {
        var run = CheckRun.InProcess(["-"], """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: PodList
                items:
                  - apiVersion: v1
                    kind: Pod
                    metadata: {name: nested}
                    spec:
                      containers:
                        - image: nginx
              - apiVersion: batch/v1
                kind: CronJob
                metadata: {name: cron}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers: [{image: "alpine:latest"}]
            """);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("<stdin>:12: deny [image-digest] Pod default/nested", run.Output, StringComparison.Ordinal);
        Assert.Contains("<stdin>:21: deny [mutable-tag] CronJob default/cron spec.jobTemplate.spec.template.spec.containers[0].image", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_printed_kind_last_as_kubectl_prints_json_is_judged_item_by_item()
    {
        var list = $$$"""
            {"apiVersion":"v1","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{"containers":[{"image":"nginx"}]}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b"},"spec":{"containers":[{"image":"nginx@{{{Manifests.Digest}}}"}]}}],"kind":"List","metadata":{"resourceVersion":""}}
            """;

        var run = CheckRun.InProcess(["--output", "json", "-"], list);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"objects\": 2,\n    \"denied\": 1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_top_level_items_array_makes_a_list_whatever_the_kind_as_kubectl_decodes_it()
    {
        var strings = CheckRun.InProcess(["-"], "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nitems: [a, b]\n");
        var pods = CheckRun.InProcess(["-"], "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nitems:\n- " + Manifests.Pod("inner", "nginx").Replace("\n", "\n  ", StringComparison.Ordinal));

        Assert.Equal(2, strings.ExitCode); // kubectl: "cannot unmarshal string into Go value of type map"
        Assert.Contains("items[0]", strings.Error, StringComparison.Ordinal);
        Assert.Equal(1, pods.ExitCode); // kubectl applies pod/inner, not the Widget
        Assert.Contains("Pod default/inner", pods.Output, StringComparison.Ordinal);
        Assert.Contains("1 object in 1 input", pods.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_option_places_objects_that_name_none_and_never_overrides_one_that_does()
    {
        var run = CheckRun.InProcess(["--namespace", "team-a", "-"], Manifests.Pod("p1", "nginx") + "---\n" + Manifests.Pod("p2", "nginx", "team-b"));

        Assert.Contains("Pod team-a/p1", run.Output, StringComparison.Ordinal);
        Assert.Contains("Pod team-b/p2", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Latin1_file_is_read_as_kubectl_reads_it_and_judged_with_the_other_files()
    {
        using var tree = new TempTree();
        tree.WriteBytes("a-latin1.yaml", Encoding.Latin1.GetBytes("# Copyright \u00a9 2020\n" + Manifests.Pod("caf\u00e9", "nginx")));
        tree.Write("b.yaml", Manifests.Pod("ok", "nginx"));

        var run = CheckRun.InProcess([tree.Root]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("a-latin1.yaml:9: deny [image-digest] Pod default/caf\uFFFD", run.Output, StringComparison.Ordinal);
        Assert.Contains("Pod default/ok", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void A_symlink_loop_in_a_folder_is_reported_and_everything_else_checked()
    {
        using var tree = new TempTree();
        tree.Write("apps/pod.yaml", Manifests.Pod("looped", "nginx"));
        File.CreateSymbolicLink(tree.PathOf("apps/back-to-root"), tree.Root);
        File.CreateSymbolicLink(tree.PathOf("apps/self"), ".");

        var run = CheckRun.InProcess([tree.Root]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("apps/back-to-root: error: symbolic link loop", run.Error, StringComparison.Ordinal);
        Assert.Contains("apps/self: error: symbolic link loop", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Output.Split('\n'), l => l.Contains("[mutable-tag] Pod default/looped", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_and_looping_file_links_are_unreadable_inputs_reported_by_name()
    {
        using var tree = new TempTree();
        File.CreateSymbolicLink(tree.PathOf("dangling.yaml"), tree.PathOf("missing.yaml"));
        File.CreateSymbolicLink(tree.PathOf("loop-a.yaml"), "loop-b.yaml");
        File.CreateSymbolicLink(tree.PathOf("loop-b.yaml"), "loop-a.yaml");
        tree.Write("z.yaml", Manifests.Pod("still-checked", "nginx"));

        var run = CheckRun.InProcess([tree.Root, tree.PathOf("no-such-file.yaml")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("dangling.yaml: error: broken symbolic link", run.Error, StringComparison.Ordinal);
        Assert.Contains("loop-a.yaml: error: cannot follow this symbolic link", run.Error, StringComparison.Ordinal);
        Assert.Contains("no-such-file.yaml: error: no such file or folder", run.Error, StringComparison.Ordinal);
        Assert.Contains("Pod default/still-checked", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_read_permission_is_an_error()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            Assert.Skip("runs as root, which reads a file whatever its mode; the link tests above cover unreadable inputs");
        }

        using var tree = new TempTree();
        var secret = tree.Write("secret.yaml", Manifests.Pod("hidden", "nginx"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(secret, UnixFileMode.None);
        }

        var run = CheckRun.InProcess([secret]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("secret.yaml: error: cannot read", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_met_in_a_folder_walk_does_not_block_the_check()
    {
        using var tree = new TempTree();
        using (var mkfifo = Process.Start("mkfifo", [tree.PathOf("pipe.yaml")]))
        {
            mkfifo.WaitForExit();
        }

        tree.Write("pod.yaml", Manifests.Pod("beside-the-pipe", "nginx"));

        var run = Task.Run(() => CheckRun.InProcess([tree.Root]), TestContext.Current.CancellationToken);

        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(finished == run, "pinned check blocked on a FIFO");
        Assert.Contains("Pod default/beside-the-pipe", (await run).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_policy_file_is_exit_2_with_the_bad_key_named()
    {
        using var tree = new TempTree();
        var policy = tree.Write("policy.yaml", "rules:\n  mutable-tags: {action: enforce}\n");

        var run = CheckRun.InProcess(["--config", policy, "-"], Manifests.PinnedPod("p"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("mutable-tags", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Theory]
    [InlineData("enforce", 1)]
    [InlineData("audit", 0)]
    [InlineData("warn", 0)]
    public void Mode_decides_whether_violations_fail_the_check(string mode, int exit)
    {
        var run = CheckRun.InProcess(["--mode", mode, "-"], Manifests.Pod("p", "nginx:latest"));

        Assert.Equal(exit, run.ExitCode);
        Assert.Contains($": {(mode == "enforce" ? "deny" : mode)} [mutable-tag] Pod default/p", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PINNED_variables_override_the_policy_file_as_for_serve_and_the_mode_option_overrides_them()
    {
        var pod = Manifests.Pod("p", "nginx:latest");
        var disabled = new Dictionary<string, string> { ["PINNED_RULES__MUTABLE_TAG__ACTION"] = "disabled", ["PINNED_SHARED"] = "/elsewhere" };

        var run = CheckRun.InProcess(["-"], pod, environment: disabled);
        var audit = CheckRun.InProcess(["-"], pod, environment: new() { ["PINNED_MODE"] = "audit" });
        var enforce = CheckRun.InProcess(["--mode", "enforce", "-"], pod, environment: new() { ["PINNED_MODE"] = "audit" });

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("[mutable-tag]", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, audit.ExitCode);
        Assert.Equal(1, enforce.ExitCode);
    }

    [Fact]
    public void Nothing_to_deny_exits_0_and_says_so()
    {
        var run = CheckRun.InProcess(["-"], Manifests.PinnedPod("p"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("pinned check: 1 object in 1 input: 0 denied, 0 violations\n", run.Output);
    }

    [Fact]
    public void Usage_errors_exit_2_not_1()
    {
        Assert.Equal(2, CheckRun.InProcess(["--output", "xml", "-"]).ExitCode);
        Assert.Equal(2, CheckRun.InProcess([]).ExitCode);
    }

    [Fact]
    public void Colour_only_when_the_console_asks_for_it()
    {
        var plain = CheckRun.InProcess(["-"], Manifests.Pod("p", "nginx"));
        var coloured = CheckRun.InProcess(["-"], Manifests.Pod("p", "nginx"), useColor: true);

        Assert.DoesNotContain('\e', plain.Output);
        Assert.Contains("\e[31mdeny\e[0m [image-digest]", coloured.Output, StringComparison.Ordinal);
    }
}
