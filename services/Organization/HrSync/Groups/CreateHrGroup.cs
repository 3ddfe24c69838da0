using Alliance.Organization.Data;
using Grpc.Core;
using static Alliance.Organization.HrSync.HrSyncAccess;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Groups;

/// <summary>An HR client adds an HR group (SCIM POST) with its members, users or groups of its subsidiary.</summary>
public sealed class CreateHrGroup(OrganizationDbContext db, TimeProvider clock, HrGroups groups)
{
    public async Task<C.HrGroup> HandleAsync(C.HrGroupWrite request, ServerCallContext context)
    {
        var tenant = HrTenant(context);
        HrGroups.Validate(request);
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var group = HrGroup.Create(tenant, request.DisplayName, request.HasExternalId ? request.ExternalId : null, now);
        var members = await groups.ResolveMembersAsync(tenant, group.Id, request.MemberIds, ct);
        db.Add(group);
        db.AddRange(members.Select(m => new HrGroupMember { GroupId = group.Id, MemberId = m.Key, MemberType = m.Value }));
        await HrSyncRequests.SaveAsync(db, ct);
        return await groups.LoadAsync(group.Id, withMembers: true, ct);
    }
}
