using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>
/// A member unit posts a problem for an alliance (the alliance as the caller sees it in the organization service, the unit
/// one of its current members), with <c>ProblemPosted</c> in the same transaction; a retry with the same client request id
/// answers the first problem.
/// </summary>
public sealed class PostProblem(ActivityDbContext db, ListAccess access, ListChangeFlow flow, IOrganizationDirectory directory)
{
    public async Task<C.Problem> HandleAsync(C.PostProblemRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId).Id("memberUnitId", request.MemberUnitId);
        var text = ListInput.Problem(errors, request.Details);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        await access.VisibleProblemsAsync(caller, ct);
        var key = ClientRequests.KeyFor("post-problem", caller.TenantId, request.ClientRequestId is { Length: > 0 } id ? $"{caller.UserId}:{id}" : null);
        if (await flow.EarlierAsync(key, ct) is { } earlier) return await LoadAsync(earlier, ct);
        var alliance = await directory.FindAllianceAsync(caller, Guid.Parse(request.AllianceId), ct)
            ?? throw FieldErrors.Single("allianceId", "names no alliance you can see.", StatusCode.NotFound);
        var member = alliance.Members.FirstOrDefault(m => m.Id == Guid.Parse(request.MemberUnitId) && m.Current)
            ?? throw FieldErrors.Single("memberUnitId", "is not a current member unit of the alliance.", StatusCode.NotFound);
        ListAccess.EnsureMayPostFor(caller, await access.PartnerAsync(caller, ct), alliance, member);
        var now = flow.Now();
        Problem? problem = null;
        var winner = await flow.CreateAsync(key, () =>
        {
            problem = Problem.Post(alliance, new PostingUnit(member.Id, member.OrganizationId, member.SubsidiaryId, member.Name), text,
                ListChangeFlow.ActorOf(caller), now);
            db.Add(problem);
            db.AddRange(problem.Changes);
            db.AddIntegrationEvent(ListMapping.Posted(problem, now));
            return problem.Id;
        }, ct);
        return winner is { } w ? await LoadAsync(w, ct) : problem!.ToContract(canChange: true);
    }

    async Task<C.Problem> LoadAsync(Guid id, CancellationToken ct) =>
        (await db.Set<Problem>().AsNoTracking().SingleAsync(p => p.Id == id, ct)).ToContract(canChange: true);
}
