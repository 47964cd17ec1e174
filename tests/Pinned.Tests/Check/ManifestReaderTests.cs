using System.Text;

namespace Pinned.Tests.Check;

public sealed class ManifestReaderTests
{
    [Fact]
    public void Multi_document_stream_skips_empty_and_comment_only_documents_but_counts_them_as_YAML_does()
    {
        var sink = RecordingSink.Read("""
            # leading comment: no document yet
            ---
            a: 1
            ---
            # only a comment
            ---
            ---
            b: 2
            ...
            ---   # a comment after the marker
            c: 3
            """);

        Assert.Empty(sink.Errors);
        Assert.Equal([(0, """{"a":1}"""), (3, """{"b":2}"""), (4, """{"c":3}""")], sink.Documents.Select(d => (d.Index, d.Json)));
    }

    [Fact]
    public void A_stream_without_markers_is_one_document_and_an_empty_stream_is_none()
    {
        Assert.Equal("""{"kind":"Pod"}""", RecordingSink.Read("kind: Pod\n").Json(0));
        Assert.Empty(RecordingSink.Read(string.Empty).Documents);
        Assert.Empty(RecordingSink.Read("\n# nothing here\n\n").Documents);
    }

    [Fact]
    public void Json_documents_are_read_compact_and_pretty()
    {
        var compact = RecordingSink.Read("""{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"image":"a"}]},"n":1.5,"t":true,"z":null}""");
        Assert.Equal("""{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"image":"a"}]},"n":1.5,"t":true,"z":null}""", compact.Json(0));

        var pretty = RecordingSink.Read("{\n  \"kind\": \"Pod\",\n  \"spec\": {\n    \"containers\": [\n      {\"image\": \"nginx\"}\n    ]\n  }\n}\n", "spec.containers[0].image");
        Assert.Equal(5, pretty.Documents[0].Lines["spec.containers[0].image"]);
    }

    [Theory]
    [InlineData("v: true", """{"v":true}""")]
    [InlineData("v: False", """{"v":false}""")]
    [InlineData("v: yes", """{"v":"yes"}""")]
    [InlineData("v: off", """{"v":"off"}""")]
    [InlineData("v: ~", """{"v":null}""")]
    [InlineData("v:", """{"v":null}""")]
    [InlineData("v: 'true'", """{"v":"true"}""")]
    [InlineData("v: \"42\"", """{"v":"42"}""")]
    [InlineData("v: 42", """{"v":42}""")]
    [InlineData("v: -007", """{"v":-7}""")]
    [InlineData("v: 0o17", """{"v":15}""")]
    [InlineData("v: 0x1F", """{"v":31}""")]
    [InlineData("v: 123456789012345678901234567890", """{"v":123456789012345678901234567890}""")]
    [InlineData("v: 1.5e3", """{"v":1500}""")]
    [InlineData("v: .5", """{"v":0.5}""")]
    [InlineData("v: .inf", """{"v":".inf"}""")]
    [InlineData("v: 1.2.3", """{"v":"1.2.3"}""")]
    [InlineData("v: 0777x", """{"v":"0777x"}""")]
    [InlineData("v: !!str 12", """{"v":"12"}""")]
    [InlineData("v: !!int \"12\"", """{"v":12}""")]
    [InlineData("v: ! 12", """{"v":"12"}""")]
    [InlineData("v: |\n  two\n  lines\n", """{"v":"two\nlines\n"}""")]
    [InlineData("v: |\n  \n \n  two\n", """{"v":"\n\ntwo\n"}""")]
    [InlineData("v: |+\n  \n", """{"v":"\n"}""")]
    [InlineData("1: one", """{"1":"one"}""")]
    public void Plain_scalars_are_typed_by_the_YAML_1_2_core_schema_and_quoted_ones_stay_strings(string yaml, string json) =>
        Assert.Equal(json, RecordingSink.Read(yaml).Json(0));

    [Fact]
    public void Anchors_aliases_and_merge_keys_resolve_with_explicit_keys_winning()
    {
        var sink = RecordingSink.Read("""
            base: &base {image: nginx, name: base, port: 80}
            extra: &extra {name: extra, debug: true}
            labels: &labels [a, b]
            copy: *labels
            merged:
              name: own
              <<: [*base, *extra]
            inline:
              <<: {x: 1}
              y: 2
            """);

        Assert.Empty(sink.Errors);
        Assert.Equal(
            """{"base":{"image":"nginx","name":"base","port":80},"extra":{"name":"extra","debug":true},"labels":["a","b"],"copy":["a","b"],"merged":{"name":"own","image":"nginx","port":80,"debug":true},"inline":{"y":2,"x":1}}""",
            sink.Json(0));
    }

    [Fact]
    public void An_alias_binds_to_the_anchor_defined_before_it_even_when_redefined_later()
    {
        var sink = RecordingSink.Read("a: &x 1\nb: &y [*x]\nc: &x 2\nd: *y\ne: *x\n");
        Assert.Equal("""{"a":1,"b":[1],"c":2,"d":[1],"e":2}""", sink.Json(0));
    }

    [Theory]
    [InlineData("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'")]
    [InlineData("a: *nowhere\n", 1, "refers to no anchor")]
    [InlineData("a: &x [1, *x]\n", 1, "refers to a node that contains it")]
    [InlineData("? [complex]\n: value\n", 1, "a mapping key must be a plain value")]
    [InlineData("a:\n  <<: 5\n", 2, "a merge key ('<<') takes a mapping")]
    public void Documents_JSON_cannot_hold_are_errors_with_their_line(string yaml, int line, string message)
    {
        var sink = RecordingSink.Read("---\nok: 1\n---\n" + yaml + "---\nafter: 1\n");

        var error = Assert.Single(sink.Errors);
        Assert.Equal((1, line + 3), (error.DocumentIndex, error.Line));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(["""{"ok":1}""", """{"after":1}"""], sink.Documents.Select(d => d.Json));
    }

    [Fact]
    public void Exponential_alias_expansion_is_refused_not_run()
    {
        var yaml = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++)
        {
            yaml.Append($"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]\n");
        }

        var sink = RecordingSink.Read(yaml.ToString());

        Assert.Contains("too many nodes", Assert.Single(sink.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_YAML_in_the_middle_is_reported_with_index_and_line_and_the_rest_is_read()
    {
        var sink = RecordingSink.Read("a: 1\n---\nb: [unclosed\nc: {\n---\nd: 4\n---\ne: 5\n");

        var error = Assert.Single(sink.Errors);
        Assert.Equal("test.yaml", error.Source);
        Assert.Equal(1, error.DocumentIndex);
        Assert.InRange(error.Line ?? 0, 3, 5);
        Assert.StartsWith("not valid YAML", error.Message, StringComparison.Ordinal);
        Assert.Equal([(0, """{"a":1}"""), (2, """{"d":4}"""), (3, """{"e":5}""")], sink.Documents.Select(d => (d.Index, d.Json)));
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_read_as_the_replacement_character_as_kubectl_reads_them()
    {
        var bytes = Encoding.UTF8.GetBytes("a: 1\n---\nb: caf").Concat(new byte[] { 0xE9, 0x0A }).Concat(Encoding.UTF8.GetBytes("c: 2\n---\nd: 4\n")).ToArray();

        var sink = RecordingSink.Read(bytes);

        Assert.Empty(sink.Errors);
        Assert.Equal(["""{"a":1}""", """{"b":"caf\uFFFD","c":2}""", """{"d":4}"""], sink.Documents.Select(d => d.Json));
    }

    [Fact]
    public void A_control_character_fails_its_document_only_with_its_line()
    {
        var sink = RecordingSink.Read("a: 1\n---\nb: x\nc: \u0001\n---\nd: 4\n");

        var error = Assert.Single(sink.Errors);
        Assert.Equal((1, 4), (error.DocumentIndex, error.Line));
        Assert.Contains("control character U+0001", error.Message, StringComparison.Ordinal);
        Assert.Equal(["""{"a":1}""", """{"d":4}"""], sink.Documents.Select(d => d.Json));
    }

    [Fact]
    public void A_control_character_on_the_first_line_of_a_document_is_an_error_not_an_empty_document()
    {
        var sink = RecordingSink.Read("\0\nkind: Pod\n---\nd: 4\n");

        var error = Assert.Single(sink.Errors);
        Assert.Equal((0, 1), (error.DocumentIndex, error.Line));
        Assert.Equal(["""{"d":4}"""], sink.Documents.Select(d => d.Json));
    }

    [Fact]
    public void A_byte_order_mark_and_CRLF_line_ends_are_accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("a: 1\r\nb: x\r\n---\r\nc: 3\r\n")).ToArray();

        var sink = RecordingSink.Read(bytes);

        Assert.Empty(sink.Errors);
        Assert.Equal(["""{"a":1,"b":"x"}""", """{"c":3}"""], sink.Documents.Select(d => d.Json));
    }

    [Fact]
    public void Violation_paths_map_to_the_lines_of_their_nodes_even_through_aliases()
    {
        var sink = RecordingSink.Read(
            """
            ---
            # comment
            kind: Deployment
            spec:
              template:
                spec:
                  containers:
                    - name: a
                      image: nginx
                    - &second
                      name: b
                      image: redis
                  initContainers:
                    - *second
                  volumes:
                    - name: v
                      hostPath: {path: /x}
            """,
            "spec.template.spec.containers[0].image",
            "spec.template.spec.containers[1].image",
            "spec.template.spec.initContainers[0].image",
            "spec.template.spec.volumes[0]",
            "spec.template.spec.volumes[3]",
            "");

        var lines = sink.Documents[0].Lines;
        Assert.Equal(9, lines["spec.template.spec.containers[0].image"]);
        Assert.Equal(12, lines["spec.template.spec.containers[1].image"]);
        Assert.Equal(12, lines["spec.template.spec.initContainers[0].image"]);
        Assert.Equal(16, lines["spec.template.spec.volumes[0]"]);
        Assert.Equal(16, lines["spec.template.spec.volumes[3]"]); // no such item: its nearest ancestor, the list
        Assert.Equal(3, lines[""]);
    }

    [Fact]
    public void Lines_longer_than_the_read_buffer_and_a_last_line_without_newline_are_read_whole()
    {
        var longValue = new string('x', 200_000);
        var sink = RecordingSink.Read($"a: {longValue}\n---\nb: end");

        Assert.Equal([$$"""{"a":"{{longValue}}"}""", """{"b":"end"}"""], sink.Documents.Select(d => d.Json));
    }

    [Fact]
    public void Directives_tags_block_scalars_and_flow_documents_after_markers_are_read()
    {
        var sink = RecordingSink.Read("""
            %YAML 1.2
            ---
            a: 1
            --- !!map
            b: 2
            --- |
              just text
            --- {c: 3}
            """);

        Assert.Empty(sink.Errors);
        Assert.Equal([(0, """{"a":1}"""), (1, """{"b":2}"""), (2, "\"just text\\n\""), (3, """{"c":3}""")], sink.Documents.Select(d => (d.Index, d.Json)));
    }

    [Fact]
    public void Items_of_a_top_level_list_are_handed_out_one_by_one_and_the_document_keeps_an_empty_list()
    {
        var sink = RecordingSink.Read("""
            a: 0
            ---
            apiVersion: v1
            items:
              - kind: Pod
                metadata: {name: one}
              - &two {kind: Pod, metadata: {name: two}}
              - 3
            kind: List
            copy: *two
            """);

        Assert.Empty(sink.Errors);
        Assert.Equal(
            [(1, 0, """{"kind":"Pod","metadata":{"name":"one"}}""", 5), (1, 1, """{"kind":"Pod","metadata":{"name":"two"}}""", 7), (1, 2, "3", 8)],
            sink.Items);
        Assert.Equal("""{"apiVersion":"v1","items":[],"kind":"List","copy":{"kind":"Pod","metadata":{"name":"two"}}}""", sink.Json(1));
    }

    [Fact]
    public void An_item_whose_alias_refers_to_its_own_list_is_refused()
    {
        var sink = RecordingSink.Read("kind: List\nitems: &all\n  - *all\n");

        Assert.Contains("refers to a node that contains it", Assert.Single(sink.Errors).Message, StringComparison.Ordinal);
    }
}
