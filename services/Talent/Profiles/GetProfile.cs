using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Profiles;

public sealed class GetProfile(ProfileAccess access)
{
    public async Task<C.Profile> HandleAsync(C.GetProfileRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("personId", request.PersonId).ThrowIfAny();
        var scope = await access.ScopeAsync(CallerScope.From(context), context.CancellationToken);
        var profile = await access.FindAsync(scope, Guid.Parse(request.PersonId), track: false, context.CancellationToken);
        return profile.ToContract(ProfileAccess.MayChange(scope, profile));
    }
}
