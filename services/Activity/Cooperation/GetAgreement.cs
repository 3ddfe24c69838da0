using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Cooperation;

/// <summary>A cooperation agreement in the caller's sight, and its audit log.</summary>
public sealed class GetAgreement(ActivityDbContext db, AgreementReading reading)
{
    public async Task<C.CooperationAgreement> HandleAsync(C.GetAgreementRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var agreement = await reading.FindAsync(caller, Guid.Parse(request.Id), track: false, context.CancellationToken);
        return agreement.ToContract(JointWorkAccess.MayChange(caller, agreement.SubsidiaryId));
    }

    public async Task<C.AgreementHistory> HistoryAsync(C.GetAgreementHistoryRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var agreement = await reading.FindAsync(caller, Guid.Parse(request.Id), track: false, ct);
        var changes = await db.Set<AgreementChange>().AsNoTracking().Where(c => c.AgreementId == agreement.Id).OrderBy(c => c.Version).ToListAsync(ct);
        var history = new C.AgreementHistory();
        history.Changes.AddRange(changes.Select(c => c.ToFieldContract<C.ActivityChange>()));
        return history;
    }
}
