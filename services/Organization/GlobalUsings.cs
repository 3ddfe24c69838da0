// Each rpc of a gRPC service class delegates to its use case: Handler<T>(context).HandleAsync(request, context).
global using static Alliance.ServiceDefaults.Grpc.UseCases;
