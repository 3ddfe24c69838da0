using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>
/// Finds, once at startup, the public method of a service class that implements each unary rpc of a descriptor
/// (<c>Task&lt;TResponse&gt; Name(TRequest, ServerCallContext)</c>) and turns it into a typed delegate, so calls
/// involve no reflection.
/// </summary>
internal static class ServiceMethodBinder
{
    private static readonly MethodInfo BindTypedMethod =
        typeof(ServiceMethodBinder).GetMethod(nameof(BindTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static Func<TService, IMessage, ServerCallContext, Task<IMessage>> Bind<TService>(MethodDescriptor method)
    {
        var serviceType = typeof(TService);
        var requestType = method.InputType.ClrType;
        var responseType = method.OutputType.ClrType;
        var expected = $"public Task<{responseType.Name}> {method.Name}({requestType.Name} request, ServerCallContext context)";

        var candidates = serviceType
            .GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name == method.Name)
            .ToList();
        if (candidates.Count == 0)
        {
            throw new InvalidOperationException(
                $"{serviceType.FullName} does not implement rpc {method.FullName}: add {expected}.");
        }

        var match = candidates.FirstOrDefault(m =>
            m.ReturnType == typeof(Task<>).MakeGenericType(responseType)
            && m.GetParameters() is [var request, var context]
            && request.ParameterType == requestType
            && context.ParameterType == typeof(ServerCallContext));
        if (match is null)
        {
            var found = string.Join("; ", candidates.Select(Describe));
            throw new InvalidOperationException(
                $"{serviceType.FullName}.{method.Name} does not match rpc {method.FullName}: expected {expected}, found {found}.");
        }

        var bind = BindTypedMethod.MakeGenericMethod(serviceType, requestType, responseType);
        return (Func<TService, IMessage, ServerCallContext, Task<IMessage>>)bind.Invoke(null, [match])!;
    }

    private static Func<TService, IMessage, ServerCallContext, Task<IMessage>> BindTyped<TService, TRequest, TResponse>(MethodInfo method)
        where TResponse : IMessage
    {
        var typed = method.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>();
        return (service, request, context) =>
        {
            var call = typed(service, (TRequest)request, context);
            // Done already (a reply from memory, a cache): no state machine to wait on it.
            return call.IsCompletedSuccessfully ? Task.FromResult<IMessage>(call.Result) : AwaitAsync(call);
        };

        static async Task<IMessage> AwaitAsync(Task<TResponse> call) => await call;
    }

    private static string Describe(MethodInfo method) =>
        $"{Name(method.ReturnType)} {method.Name}({string.Join(", ", method.GetParameters().Select(p => Name(p.ParameterType)))})";

    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.Name;
}
