namespace Alliance.ServiceDefaults.Grpc;

/// <summary>The channels registered with <see cref="GrpcClientExtensions.AddGrpcClient"/>, by service name.</summary>
public interface IGrpcChannelFactory
{
    GrpcChannel Get(string serviceName);
}
