using Google.Protobuf.Reflection;

namespace Hub.Grpc.Reflection;

/// <summary>Files and fully-qualified symbols reachable from the mapped services.</summary>
internal sealed class DescriptorIndex
{
    private readonly Dictionary<string, FileDescriptor> _filesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _filesBySymbol = new(StringComparer.Ordinal);
    private readonly HashSet<string> _messages = new(StringComparer.Ordinal);

    public DescriptorIndex(IEnumerable<ServiceDescriptor> services)
    {
        foreach (var service in services)
        {
            AddFile(service.File);
        }
    }

    public FileDescriptor? FindFile(string name) => _filesByName.GetValueOrDefault(name);

    public FileDescriptor? FindFileContainingSymbol(string symbol) => _filesBySymbol.GetValueOrDefault(symbol);

    public bool HasMessage(string fullName) => _messages.Contains(fullName);

    /// <summary>The file followed by everything it imports, transitively: a client needs all of them to build descriptors.</summary>
    public static IReadOnlyList<FileDescriptor> WithDependencies(FileDescriptor file)
    {
        var ordered = new List<FileDescriptor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>();
        pending.Push(file);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (!seen.Add(next.Name))
            {
                continue;
            }

            ordered.Add(next);
            foreach (var dependency in next.Dependencies)
            {
                pending.Push(dependency);
            }
        }

        return ordered;
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_filesByName.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var service in file.Services)
        {
            _filesBySymbol[service.FullName] = file;
            foreach (var method in service.Methods)
            {
                _filesBySymbol[$"{service.FullName}.{method.Name}"] = file;
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(file, message);
        }

        foreach (var enumType in file.EnumTypes)
        {
            _filesBySymbol[enumType.FullName] = file;
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }
    }

    private void AddMessage(FileDescriptor file, MessageDescriptor message)
    {
        _filesBySymbol[message.FullName] = file;
        _messages.Add(message.FullName);
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(file, nested);
        }

        foreach (var enumType in message.EnumTypes)
        {
            _filesBySymbol[enumType.FullName] = file;
        }
    }
}
