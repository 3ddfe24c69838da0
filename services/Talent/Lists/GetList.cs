using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

public sealed class GetList(DynamicListAccess access)
{
    public async Task<C.TalentList> HandleAsync(C.GetListRequest request, ServerCallContext context)
    {
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var caller = CallerScope.From(context);
        var list = await access.FindListAsync(caller, Guid.Parse(request.Id), context.CancellationToken);
        return list.ToContract(!list.BuiltIn && DynamicListAccess.MayDefine(caller, list.SubsidiaryId));
    }
}
