using Google.Protobuf.Reflection;

namespace Hub.Grpc.Server;

/// <summary>The services this process maps; reflection lists them and the health service knows them.</summary>
public sealed class GrpcServiceRegistry
{
    private readonly object _gate = new();
    private readonly List<ServiceDescriptor> _services = [];

    public IReadOnlyList<ServiceDescriptor> Services
    {
        get
        {
            lock (_gate)
            {
                return [.. _services];
            }
        }
    }

    internal bool FallbackMapped { get; set; }

    internal void Add(ServiceDescriptor service)
    {
        lock (_gate)
        {
            if (_services.Any(s => s.FullName == service.FullName))
            {
                throw new InvalidOperationException($"gRPC service {service.FullName} is mapped twice.");
            }

            _services.Add(service);
        }
    }
}
