using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

public sealed class GetProblem(ListAccess access)
{
    public async Task<C.Problem> HandleAsync(C.GetProblemRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var problem = await access.FindProblemAsync(caller, Guid.Parse(request.Id), track: false, context.CancellationToken);
        return problem.ToContract(ListAccess.MayChange(caller, await access.PartnerAsync(caller, context.CancellationToken), problem));
    }
}
