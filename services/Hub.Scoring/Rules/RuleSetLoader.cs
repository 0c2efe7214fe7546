using System.Text.Json;

namespace Hub.Scoring.Rules;

/// <summary>Reads rule-set files and refuses, naming the file, any that does not validate.</summary>
public static class RuleSetLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static RuleSet Parse(string json, string source)
    {
        RuleSet? ruleSet;
        try
        {
            ruleSet = JsonSerializer.Deserialize<RuleSet>(json, Json);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{source}: not a rule set ({exception.Message})", exception);
        }
        if (ruleSet is null)
        {
            throw new InvalidDataException($"{source}: empty");
        }
        var errors = RuleSetValidator.Validate(ruleSet);
        return errors.Count == 0 ? ruleSet : throw new InvalidDataException($"{source}: {string.Join("; ", errors)}");
    }

    public static IReadOnlyList<RuleSet> LoadFolder(string folder) =>
        Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(file => Parse(File.ReadAllText(file), Path.GetFileName(file)))
            .ToList();
}
