using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Alliance.Talent.Data;
using Alliance.Talent.Profiles;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Lists;

/// <summary>Defines a list: names in both languages, criteria as text and filters, size limit per unit, re-evaluation period; idempotent by client request id.</summary>
public sealed class DefineList(TalentDbContext db, TimeProvider clock)
{
    public async Task<C.TalentList> HandleAsync(C.DefineListRequest request, ServerCallContext context)
    {
        var criteria = request.Criteria ?? new C.ListCriteria();
        var errors = new FieldErrors().Required("nameZh", request.NameZh, 100).Required("nameEn", request.NameEn, 100)
            .Optional("criteria.text", criteria.Text, 2000).Id("subsidiaryId", request.SubsidiaryId, required: false);
        if (criteria.MaxAge is < 0 or > 100) errors.Add("criteria.maxAge", "must be between 1 and 100, or 0 for none.");
        if (criteria.MinEducationLevel.Length > 0 && !Profile.EducationLevels.Contains(criteria.MinEducationLevel))
            errors.Add("criteria.minEducationLevel", $"must be one of {string.Join(", ", Profile.EducationLevels)}.");
        if (criteria.SizeLimitPerUnit is < 0 or > 10000) errors.Add("criteria.sizeLimitPerUnit", "must be between 1 and 10000, or 0 for none.");
        if (criteria.ReevaluationMonths is < 0 or > 120) errors.Add("criteria.reevaluationMonths", "must be between 1 and 120, or 0 for none.");
        errors.ThrowIfAny();
        var caller = CallerScope.From(context);
        DynamicListAccess.EnsureMaySee(caller);
        Guid? subsidiary = Guid.TryParse(request.SubsidiaryId, out var s) ? s : caller.IsGroupAdmin ? null : caller.TenantId;
        if (!DynamicListAccess.MayDefine(caller, subsidiary))
            throw Requests.Denied("Only a group administrator defines group lists, and a subsidiary administrator their subsidiary's.");
        var ct = context.CancellationToken;
        var key = ClientRequests.KeyFor("define-list", caller.TenantId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(key, ct) is { } earlier) return await LoadAsync(earlier, ct);
        var now = clock.GetUtcNow().ToUniversalTime();
        var list = TalentList.Define(new TalentList.Definition(request.NameZh, request.NameEn, criteria.Text,
            criteria.MaxAge == 0 ? null : criteria.MaxAge, Requests.Blank(criteria.MinEducationLevel), criteria.MustBePartyMember,
            criteria.SizeLimitPerUnit == 0 ? null : criteria.SizeLimitPerUnit, criteria.ReevaluationMonths == 0 ? null : criteria.ReevaluationMonths,
            subsidiary), Actor.Of(caller), now);
        db.TalentLists.Add(list);
        db.RememberClientRequest(key, list.Id, now);
        if (await db.SaveCreateAsync(key, ct) is { } winner) return await LoadAsync(winner, ct);
        return list.ToContract(canDefine: true);
    }

    async Task<C.TalentList> LoadAsync(Guid id, CancellationToken ct) =>
        (await db.TalentLists.AsNoTracking().SingleAsync(l => l.Id == id, ct)).ToContract(canDefine: true);
}
