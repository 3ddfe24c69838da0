using Alliance.ServiceDefaults.Grpc.Health;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>Registers the gRPC server transport and maps services described by protoc's descriptors.</summary>
public static class GrpcServerExtensions
{
    public static IServiceCollection AddGrpcTransport(this IServiceCollection services, Action<GrpcTransportOptions>? configure = null)
    {
        var options = services.AddOptions<GrpcTransportOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.AddRouting();
        services.AddHealthChecks();
        services.TryAddSingleton<GrpcServiceRegistry>();
        return services;
    }

    /// <summary>
    /// Maps <c>POST /{package}.{Service}/{Method}</c> for every unary rpc of <paramref name="descriptor"/> to the
    /// public method of <typeparamref name="TService"/> with the same name and the signature
    /// <c>Task&lt;TResponse&gt; Method(TRequest request, ServerCallContext context)</c>. Throws at startup when a
    /// method is missing or its types differ. The service comes from the call's DI scope when registered; otherwise
    /// one instance is created per call with its constructor's services. Does not map the health service:
    /// call <see cref="MapGrpcHealthService"/> for that.
    /// </summary>
    public static IEndpointRouteBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints, ServiceDescriptor descriptor)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var unary = descriptor.Methods.Where(m => !m.IsClientStreaming && !m.IsServerStreaming).ToList();
        var bindings = new List<ServiceMethodBinder.Binding<TService>>();
        var errors = new List<string>();
        foreach (var method in unary)
        {
            try
            {
                bindings.Add(new(method.Name, method.InputType.Parser, ServiceMethodBinder.Bind<TService>(method)));
            }
            catch (InvalidOperationException exception)
            {
                errors.Add(exception.Message);
            }
        }
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cannot map gRPC service {descriptor.FullName} to {typeof(TService).FullName}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }
        return endpoints.MapBindings(descriptor.FullName, bindings);
    }

    /// <summary>
    /// Maps <c>POST /{serviceName}/{Method}</c> for every public method of <typeparamref name="TService"/> shaped
    /// <c>Task&lt;TResponse&gt; Method(TRequest request, ServerCallContext context)</c> (protobuf messages both), without
    /// building the .proto file's descriptor: Google.Protobuf builds a reflection accessor for every field of every
    /// message of a file when its descriptor is first used, about 11 MB resident for the organization service's eight
    /// files (ADR 17). That the methods are exactly the rpcs of the .proto service is a test's to prove
    /// (<see cref="RpcMethodsOf"/> against the descriptor), not the start's.
    /// </summary>
    public static IEndpointRouteBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints, string serviceName)
        where TService : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var bindings = ServiceMethodBinder.BindAll<TService>();
        if (bindings.Count == 0)
        {
            throw new InvalidOperationException(
                $"{typeof(TService).FullName} has no public method Task<TResponse> Method(TRequest request, ServerCallContext context) to map as {serviceName}.");
        }
        return endpoints.MapBindings(serviceName, bindings);
    }

    /// <summary>The rpcs <see cref="MapGrpcService{TService}(IEndpointRouteBuilder, string)"/> maps for a service class: name, request and response types, by name.</summary>
    public static IReadOnlyList<(string Name, Type Request, Type Response)> RpcMethodsOf(Type serviceType) =>
        ServiceMethodBinder.RpcMethodsOf(serviceType).Select(m => (m.Name, m.GetParameters()[0].ParameterType, m.ReturnType.GetGenericArguments()[0])).ToList();

    private static IEndpointRouteBuilder MapBindings<TService>(this IEndpointRouteBuilder endpoints, string serviceName,
        IReadOnlyList<ServiceMethodBinder.Binding<TService>> bindings)
        where TService : class
    {
        var registry = endpoints.ServiceProvider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpcTransport() before mapping gRPC services.");
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<GrpcTransportOptions>>().Value;
        var loggerFactory = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>();
        var resolve = ServiceResolver<TService>(endpoints.ServiceProvider);

        foreach (var (name, parser, bound) in bindings)
        {
            var path = $"/{serviceName}/{name}";
            var handler = new UnaryCallHandler(path, parser, InvokeAsync, options, loggerFactory);
            endpoints.MapPost(path, handler.HandleAsync).WithDisplayName($"gRPC {path}");

            async Task<IMessage> InvokeAsync(IServiceProvider services, IMessage request, ServerCallContext context)
            {
                var (service, owned) = resolve(services);
                try
                {
                    return await bound(service, request, context);
                }
                finally
                {
                    if (owned)
                    {
                        await DisposeAsync(service);
                    }
                }
            }
        }
        registry.Add(serviceName);

        if (!registry.UnimplementedEndpointMapped)
        {
            registry.UnimplementedEndpointMapped = true;
            endpoints.MapPost("/{**path}", http => UnaryCallHandler.HandleUnimplementedAsync(http, registry))
                .WithDisplayName("gRPC unimplemented");
        }
        return endpoints;
    }

    /// <summary>Maps <c>grpc.health.v1.Health/Check</c>, answered from ASP.NET's health checks.</summary>
    public static IEndpointRouteBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcService<GrpcHealthService>(HealthReflection.Descriptor.Services[0]);

    private static Func<IServiceProvider, (TService Service, bool Owned)> ServiceResolver<TService>(IServiceProvider root)
        where TService : class
    {
        var isRegistered = root.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) ?? false;
        if (isRegistered)
        {
            return services => (services.GetRequiredService<TService>(), false);
        }
        // Not registered: behave as if scoped to the call, which is one request.
        var factory = ActivatorUtilities.CreateFactory<TService>(Type.EmptyTypes);
        return services => (factory(services, null), true);
    }

    private static async ValueTask DisposeAsync(object service)
    {
        if (service is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else if (service is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
