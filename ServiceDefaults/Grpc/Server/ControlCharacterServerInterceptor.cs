using Alliance.ServiceDefaults.Validation;
using Google.Protobuf;

namespace Alliance.ServiceDefaults.Grpc;

/// <summary>
/// Refuses a request whose text holds a control character before any service method sees it: INVALID_ARGUMENT with
/// the field named (<see cref="ControlCharacters.FirstRefusedField(IMessage)"/>), so no service writes it or fails on it.
/// </summary>
internal sealed class ControlCharacterServerInterceptor : IServerInterceptor
{
    public static readonly ControlCharacterServerInterceptor Instance = new();

    public Task<IMessage> UnaryAsync(IMessage request, ServerCallContext context, UnaryServerMethod next) =>
        ControlCharacters.FirstRefusedField(request) is { } field
            ? Task.FromException<IMessage>(FieldErrors.Single(field, ControlCharacters.Message))
            : next(request, context);
}
