using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pinned.Logging;

namespace Pinned.Tests.Logging;

/// <summary>The JSON line of one entry: Microsoft's JSON console shape, escaping, exceptions, null values.</summary>
public sealed class JsonLogLineTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 1, 234, TimeSpan.FromHours(2));

    [Fact]
    public void An_entry_has_the_json_console_fields_in_order_with_a_UTC_millisecond_timestamp()
    {
        var text = Format([new("Uid", "u-1"), new("Count", 3), new("{OriginalFormat}", "Denied {Uid}: {Count}")], "Denied u-1: 3");

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Count(c => c == '\n'));
        using var line = JsonDocument.Parse(text);
        var root = line.RootElement;
        Assert.Equal(["Timestamp", "EventId", "LogLevel", "Category", "Message", "State"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-28T10:00:01.234Z", root.GetProperty("Timestamp").GetString());
        Assert.Equal(1000, root.GetProperty("EventId").GetInt32());
        Assert.Equal("Information", root.GetProperty("LogLevel").GetString());
        Assert.Equal("Pinned.Test", root.GetProperty("Category").GetString());
        Assert.Equal("Denied u-1: 3", root.GetProperty("Message").GetString());
        var state = root.GetProperty("State");
        Assert.Equal("u-1", state.GetProperty("Uid").GetString());
        Assert.Equal(JsonValueKind.Number, state.GetProperty("Count").ValueKind);
        Assert.Equal("Denied {Uid}: {Count}", state.GetProperty("{OriginalFormat}").GetString());
    }

    [Theory]
    [InlineData("2026-01-02T03:04:05.0069999+00:00", "2026-01-02T03:04:05.006Z")]
    [InlineData("2026-12-31T23:59:59.9990000-01:00", "2027-01-01T00:59:59.999Z")]
    [InlineData("0999-09-09T09:09:09.0900000+00:00", "0999-09-09T09:09:09.090Z")]
    public void Timestamps_are_UTC_with_milliseconds_truncated_and_zero_padded(string at, string expected)
    {
        var line = LogLineFormatter.Format(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), JsonEncodedText.Encode("Pinned.Test"),
            LogLevel.Information, default, "x", null, (s, _) => s);

        Assert.Equal(expected, JsonDocument.Parse(Text(line)).RootElement.GetProperty("Timestamp").GetString());
    }

    [Fact]
    public void Values_keep_their_JSON_kind_and_everything_else_is_invariant_text()
    {
        var text = Format(
        [
            new("Missing", null), new("DryRun", true), new("Big", long.MaxValue), new("Ratio", 0.5), new("NotANumber", double.NaN),
            new("Letter", 'x'), new("Delay", TimeSpan.FromSeconds(3)), new("When", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)),
        ], "values");

        var state = JsonDocument.Parse(text).RootElement.GetProperty("State");
        Assert.Equal(JsonValueKind.Null, state.GetProperty("Missing").ValueKind);
        Assert.True(state.GetProperty("DryRun").GetBoolean());
        Assert.Equal(long.MaxValue, state.GetProperty("Big").GetInt64());
        Assert.Equal(0.5, state.GetProperty("Ratio").GetDouble());
        Assert.Equal("NaN", state.GetProperty("NotANumber").GetString());
        Assert.Equal("x", state.GetProperty("Letter").GetString());
        Assert.Equal("00:00:03", state.GetProperty("Delay").GetString());
        Assert.Equal("01/02/2026 03:04:05", state.GetProperty("When").GetString());
    }

    [Fact]
    public void Quotes_backslashes_control_characters_and_non_ASCII_survive_a_round_trip_on_one_line()
    {
        const string Nasty = "say \"hi\" \\ path\nnext\tline\r\u0001 <b>&'+ é 日本 😀";

        var text = Format([new("Error", Nasty)], Nasty);

        Assert.Equal(text.Length - 1, text.IndexOf('\n', StringComparison.Ordinal));
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(Nasty, root.GetProperty("Message").GetString());
        Assert.Equal(Nasty, root.GetProperty("State").GetProperty("Error").GetString());
        Assert.Contains("\\\"hi\\\"", text, StringComparison.Ordinal); // relaxed: a quote is \" not \u0022
        Assert.Contains("<b>&'+ é", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_is_written_whole_with_its_inner_exception_and_stack()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("outer \"failure\"", new IOException("disk gone"));
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        var text = Format([new("{OriginalFormat}", "boom")], "boom", thrown);

        var exception = JsonDocument.Parse(text).RootElement.GetProperty("Exception").GetString()!;
        Assert.StartsWith("System.InvalidOperationException: outer \"failure\"", exception, StringComparison.Ordinal);
        Assert.Contains("System.IO.IOException: disk gone", exception, StringComparison.Ordinal);
        Assert.Contains(nameof(An_exception_is_written_whole_with_its_inner_exception_and_stack), exception, StringComparison.Ordinal);
        Assert.Equal(1, text.Count(c => c == '\n'));
    }

    [Fact]
    public void Neither_message_nor_exception_writes_nothing_and_a_null_message_with_an_exception_writes_null()
    {
        Assert.Null(Line([], null!, null));

        var text = Format([], null!, new InvalidOperationException("only this"));

        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("Message").ValueKind);
        Assert.Contains("only this", root.GetProperty("Exception").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_JSON_fragment_is_embedded_as_JSON_not_as_an_escaped_string()
    {
        var violations = new JsonFragment("""[{"rule":"mutable-tag","path":"spec.containers[0].image","message":"has no \"tag\""}]""");

        var text = Format([new("Violations", violations)], "audited");

        var embedded = JsonDocument.Parse(text).RootElement.GetProperty("State").GetProperty("Violations");
        Assert.Equal(JsonValueKind.Array, embedded.ValueKind);
        Assert.Equal("has no \"tag\"", embedded[0].GetProperty("message").GetString());
        Assert.Equal(violations.Json, violations.ToString());
    }

    [Fact]
    public void A_state_that_is_not_a_list_of_pairs_has_no_State_object()
    {
        var line = LogLineFormatter.Format(Noon, JsonEncodedText.Encode("Pinned.Test"), LogLevel.Warning, new EventId(7), "plain text", null, (s, _) => s);

        var root = JsonDocument.Parse(Text(line)).RootElement;
        Assert.False(root.TryGetProperty("State", out _));
        Assert.Equal("plain text", root.GetProperty("Message").GetString());
        Assert.Equal("Warning", root.GetProperty("LogLevel").GetString());
    }

    private static string Format(KeyValuePair<string, object?>[] state, string message, Exception? exception = null) =>
        Text(Line(state, message, exception));

    private static LogLine? Line(KeyValuePair<string, object?>[] state, string message, Exception? exception) =>
        LogLineFormatter.Format(Noon, JsonEncodedText.Encode("Pinned.Test"), LogLevel.Information, new EventId(1000, "Test"), state, exception, (_, _) => message);

    private static string Text(LogLine? line)
    {
        Assert.NotNull(line);
        try
        {
            return Encoding.UTF8.GetString(line.Value.Bytes);
        }
        finally
        {
            line.Value.Return();
        }
    }
}
