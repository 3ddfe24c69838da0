using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

public sealed class GetResourceOffer(ListAccess access)
{
    public async Task<C.ResourceOffer> HandleAsync(C.GetResourceOfferRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var offer = await access.FindOfferAsync(caller, Guid.Parse(request.Id), track: false, context.CancellationToken);
        return offer.ToContract(ListAccess.MayChange(caller, await access.PartnerAsync(caller, context.CancellationToken), offer));
    }
}
