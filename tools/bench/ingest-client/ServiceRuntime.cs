namespace Hub.Bench.Ingest;

/// <summary>
/// The runtime settings `tools/services` gives a service (its columns after the port), so that a
/// bench runs each service as `tools/hub up` and a deployment do. Found from the service's
/// assembly: the repository holds both, and the project folder is named like the assembly.
/// </summary>
public static class ServiceRuntime
{
    public static IReadOnlyDictionary<string, string> SettingsFor(string dll)
    {
        var assembly = Path.GetFileNameWithoutExtension(dll);
        var list = ServiceList(Path.GetDirectoryName(Path.GetFullPath(dll))!);
        var line = File.ReadLines(list)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(f => f.Length >= 3 && !f[0].StartsWith('#') && Path.GetFileName(f[1]) == assembly);
        return (line ?? []).Skip(3)
            .Select(setting => setting.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
    }

    private static string ServiceList(string folder)
    {
        for (var current = new DirectoryInfo(folder); current is not null; current = current.Parent)
        {
            var candidate = Path.Combine(current.FullName, "tools", "services");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"no tools/services above {folder}");
    }
}
