using Grpc.Core;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Profiles;

/// <summary>Talent profiles over gRPC: each rpc hands its request to its use case.</summary>
public sealed class ProfileGrpcService : C.ProfileService.ProfileServiceBase
{
    public static void AddHandlers(IServiceCollection services) => services
        .AddScoped<ProfileAccess>().AddScoped<SearchProfiles>().AddScoped<GetProfile>().AddScoped<ChangeProfile>().AddScoped<GetProfileHistory>();

    public override Task<C.SearchProfilesResponse> SearchProfiles(C.SearchProfilesRequest request, ServerCallContext context) =>
        Handler<SearchProfiles>(context).HandleAsync(request, context);

    public override Task<C.Profile> GetProfile(C.GetProfileRequest request, ServerCallContext context) =>
        Handler<GetProfile>(context).HandleAsync(request, context);

    public override Task<C.Profile> ChangeProfile(C.ChangeProfileRequest request, ServerCallContext context) =>
        Handler<ChangeProfile>(context).HandleAsync(request, context);

    public override Task<C.ProfileHistory> GetProfileHistory(C.GetProfileHistoryRequest request, ServerCallContext context) =>
        Handler<GetProfileHistory>(context).HandleAsync(request, context);
}
