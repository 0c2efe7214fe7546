using System.Text.Json;

namespace Hub.Cli;

/// <summary>Prints an API answer as indented JSON (for scripts) or as a table (for people).</summary>
public static class OutputWriter
{
    public static void Write(TextWriter output, JsonElement? value, string format)
    {
        if (value is null)
        {
            return;
        }
        if (format == "json")
        {
            output.WriteLine(JsonSerializer.Serialize(value.Value, CliJson.Options));
            return;
        }
        var rows = value.Value.ValueKind == JsonValueKind.Array ? value.Value.EnumerateArray().ToList() : [value.Value];
        if (rows.Count == 0)
        {
            output.WriteLine("(none)");
            return;
        }
        if (rows[0].ValueKind != JsonValueKind.Object)
        {
            rows.ForEach(r => output.WriteLine(Cell(r)));
            return;
        }
        var columns = rows[0].EnumerateObject().Select(p => p.Name).ToList();
        var cells = rows.Select(r => columns.Select(c => r.TryGetProperty(c, out var v) ? Cell(v) : "").ToList()).ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Length, cells.Max(r => r[i].Length))).ToList();
        output.WriteLine(string.Join("  ", columns.Select((c, i) => c.ToUpperInvariant().PadRight(widths[i]))).TrimEnd());
        foreach (var row in cells)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(" ", value.EnumerateArray().Select(Cell)),
        _ => value.GetRawText(),
    };
}
