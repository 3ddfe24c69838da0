namespace Alliance.ServiceDefaults.Grpc;

/// <summary>
/// Adds headers to every call of channels made through DI. Channels live for the application, so a provider is
/// resolved once: register it as a singleton and read per-request data through e.g. IHttpContextAccessor.
/// </summary>
public interface IOutgoingMetadataProvider
{
    void AddTo(Metadata headers);
}
