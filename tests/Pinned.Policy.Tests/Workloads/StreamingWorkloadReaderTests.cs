using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pinned.Policy.Tests.Conformance;

namespace Pinned.Policy.Tests.Workloads;

/// <summary>
/// The streaming reader against WorkloadDecoder on every JSON object the repository and ../shared
/// hold, under every kind, and on the odd shapes WorkloadDecoder defines an answer for.
/// </summary>
public sealed class StreamingWorkloadReaderTests
{
    public static TheoryData<string> CorpusFiles()
    {
        var root = RepositoryRoot();
        var parent = Path.GetDirectoryName(root)!;
        var rows = Requirements.SharedRows<string>(
            "the captured admission reviews (../shared/admission-reviews)",
            shared => [.. Directory.GetFiles(Path.Combine(shared, "admission-reviews"), "*.json").Select(f => Path.GetRelativePath(parent, f)).Order(StringComparer.Ordinal)]);
        var files = Directory.GetFiles(Path.Combine(root, "tests", "Pinned.Tests", "Fixtures"), "*.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(root, "bench", "payloads"), "*.json"))
            .Concat(Directory.GetFiles(Path.Combine(root, "bench", "Pinned.Benchmarks", "Payloads"), "*.json"))
            .Concat(Directory.GetFiles(Path.Combine(root, "deploy"), "*.json", SearchOption.AllDirectories));
        rows.AddRange(files.Select(f => Path.GetRelativePath(parent, f)).Order(StringComparer.Ordinal));
        return rows;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_object_of_a_corpus_file_decodes_as_with_the_DOM(string file)
    {
        var objects = Differential.AssertAgreeOnEveryObject(File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(RepositoryRoot())!, file)), file);

        Assert.True(objects > 0, $"{file} holds no object");
    }

    [Fact]
    public void Every_object_of_every_conformance_case_decodes_as_with_the_DOM()
    {
        var files = ConformanceCase.All.Select(c => c.File).Distinct(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var path = SharedFiles.Path(Path.Combine("conformance", file));
            var node = file.EndsWith(".json", StringComparison.Ordinal) ? JsonNode.Parse(File.ReadAllText(path)) : YamlJson.Load(File.ReadAllText(path));
            Differential.AssertAgreeOnEveryObject(Encoding.UTF8.GetBytes(node!.ToJsonString()), file);
        }

        Assert.True(files.Count > 100, $"only {files.Count} conformance files");
    }

    public static TheoryData<string, string> OddShapes => new()
    {
        { "image a number", """{"kind":"Pod","spec":{"containers":[{"name":"a","image":42}]}}""" },
        { "image an object", """{"kind":"Pod","spec":{"containers":[{"name":"a","image":{ "x" : [1, 2.50e3, "\u00e9"] }}]}}""" },
        { "image an array", """{"kind":"Pod","spec":{"containers":[{"image":[ true,false ,null ]}]}}""" },
        { "image true", """{"kind":"Pod","spec":{"containers":[{"image":true}]}}""" },
        { "image null", """{"kind":"Pod","spec":{"containers":[{"name":"a","image":null}]}}""" },
        { "image escaped", """{"kind":"Pod","spec":{"containers":[{"name":"\u0061","image":"nginx\u003alatest\ud83d\ude00"}]}}""" },
        { "containers not objects", """{"kind":"Pod","spec":{"containers":[1,"x",null,[],{"image":"a"}]}}""" },
        { "lists not arrays", """{"kind":"Pod","spec":{"containers":{"image":"a"},"initContainers":"x","ephemeralContainers":null,"volumes":{}}}""" },
        { "hostPath without path", """{"kind":"Pod","spec":{"volumes":[{"name":"h","hostPath":{}},{"hostPath":{"path":7}},{"hostPath":"x"},{"hostPath":null},{"hostPath":[]}]}}""" },
        { "image volumes", """{"kind":"Pod","spec":{"volumes":[{"name":"i","image":{"reference":"r"}},{"image":{}},{"image":"x"},{"image":{"reference":1}},5]}}""" },
        { "readOnly only when true", """{"kind":"Pod","spec":{"containers":[{"volumeMounts":[{"name":"a","readOnly":true},{"name":"b","readOnly":"true"},{"name":"c","readOnly":1},{"name":"d","readOnly":false},7,{"readOnly":true}]}]}}""" },
        { "mounts not an array", """{"kind":"Pod","spec":{"containers":[{"volumeMounts":{"name":"a"}},{"volumeMounts":[]}]}}""" },
        { "duplicate keys everywhere", """{"kind":"Pod","kind":"Deployment","metadata":{"name":"a","name":"b"},"metadata":{"namespace":"n"},"spec":{"containers":[{"image":"x"}]},"spec":{"template":{"spec":{"containers":[{"image":"y","image":"z","name":1}],"containers":[{"image":"w"}]}}}}""" },
        { "duplicate spec, last not an object", """{"kind":"Pod","spec":{"containers":[{"image":"x"}]},"spec":[]}""" },
        { "missing spec", """{"kind":"Deployment","metadata":{"name":"d"}}""" },
        { "spec a string", """{"kind":"Pod","spec":"x"}""" },
        { "template path broken", """{"kind":"Deployment","spec":{"template":[]}}""" },
        { "cronjob path", """{"kind":"CronJob","spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"image":"c"}]}},"template":{"x":1}}}}}""" },
        { "every path at once", """{"spec":{"containers":[{"image":"p"}],"template":{"spec":{"initContainers":[{"image":"t"}]}},"jobTemplate":{"spec":{"template":{"spec":{"ephemeralContainers":[{"image":"c"}]}}}}},"template":{"spec":{"volumes":[{"hostPath":{"path":"/"}}]}}}""" },
        { "escaped property names", """{"\u006bind":"Pod","sp\u0065c":{"contain\u0065rs":[{"ima\u0067e":"e","n\u0061me":"n"}],"volumes":[{"hostP\u0061th":{"p\u0061th":"/x"}}]}}""" },
        { "identity of wrong types", """{"kind":1,"apiVersion":null,"metadata":{"name":[],"namespace":{}},"spec":{}}""" },
        { "metadata not an object", """{"kind":"Pod","metadata":"m","spec":{}}""" },
        { "unicode values", """{"kind":"Pod","metadata":{"name":"ñame-名前"},"spec":{"containers":[{"name":"コンテナ","image":"régistry/ïmage:tág"}]}}""" },
        { "empty object", "{}" },
        { "not an object", "[1,2]" },
        { "null", "null" },
        { "a string", "\"Pod\"" },
    };

    [Theory]
    [MemberData(nameof(OddShapes))]
    public void Odd_shapes_decode_as_with_the_DOM(string what, string json)
    {
        foreach (var kind in Differential.Kinds)
        {
            Differential.AssertAgree(Encoding.UTF8.GetBytes(json), kind, what);
        }
    }

    [Fact]
    public void Of_duplicate_properties_the_DOM_and_the_stream_both_take_the_last()
    {
        var json = """{"kind":"Pod","spec":{"containers":[{"image":"first"}],"containers":[{"image":"last","image":"really-last"}]}}"""u8.ToArray();
        using var document = JsonDocument.Parse(json);

        Assert.Equal("Pod", document.RootElement.GetProperty("kind"u8).GetString());
        Assert.Equal("really-last", Assert.Single(WorkloadDecoder.Decode(document.RootElement).PodSpec!.Containers).Image);
        Differential.AssertAgree(json, null, "duplicates");
    }

    public static TheoryData<string> InvalidJson => new()
    {
        """{"kind":"Pod","spec":{"containers":[{"image":"a"}]}""",
        """{"kind":"Pod"} trailing""",
        """{"kind":"Pod"}{}""",
        """{"kind":"Pod","spec":{"containers":[{"image":"a",}]}}""",
        """{"kind":"Pod","spec":{"containers":[{"image":'a'}]}}""",
        """{"kind":"Pod","spec":{"containers":[{"image":"a\x"}]}}""",
        """{"kind":"Pod","spec":{"x":01}}""",
        """{"kind":"Pod", /* comment */ "spec":{}}""",
        """{"kind":"Pod","spec":{"containers":[{"image":"a"}]]}""",
        """{"kind":"Pod","metadata":{"name":"a""namespace":"b"}}""",
        string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)),
        """{"kind":"Pod","spec":""" + string.Concat(Enumerable.Repeat("""{"a":""", 64)) + "1" + new string('}', 65),
        " ",
    };

    [Theory]
    [MemberData(nameof(InvalidJson))]
    public void Invalid_JSON_is_rejected_by_both_with_the_same_error(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var expected = Differential.WithDom(bytes, null);

        Assert.StartsWith("throws JsonException", expected, StringComparison.Ordinal);
        Differential.AssertAgree(bytes, null, json);
    }

    [Theory]
    [InlineData("image", true)]
    [InlineData("name", true)]
    [InlineData("other", false)]
    public void A_string_that_is_not_UTF8_fails_only_where_the_DOM_reads_it(string field, bool fails)
    {
        byte[] json = [.. "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"image\":\"ok\",\""u8, .. Encoding.UTF8.GetBytes(field), .. "\":\"x"u8, 0xff, 0xfe, .. "\"}]}}"u8];

        Assert.Equal(fails, Differential.WithDom(json, null).StartsWith("throws InvalidOperationException", StringComparison.Ordinal));
        foreach (var kind in Differential.Kinds)
        {
            Differential.AssertAgree(json, kind, $"invalid UTF-8 in {field}");
        }
    }

    [Fact]
    public void An_overwritten_string_that_is_not_UTF8_fails_nothing()
    {
        byte[] json = [.. "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"image\":\"x"u8, 0xff, .. "\",\"image\":\"ok\"}]}}"u8];

        Assert.Equal(Differential.WithDom(json, null), Differential.Streamed(new(json), null));
        Assert.DoesNotContain("throws", Differential.WithDom(json, null), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Webhook.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Webhook.sln above {AppContext.BaseDirectory}");
    }
}
