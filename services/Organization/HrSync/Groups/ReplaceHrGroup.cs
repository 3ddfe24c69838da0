using Grpc.Core;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Groups;

/// <summary>An HR client replaces an HR group (SCIM PUT): its name, externalId and all its members, under the group's row lock.</summary>
public sealed class ReplaceHrGroup(HrGroups groups)
{
    public Task<C.HrGroup> HandleAsync(C.HrGroupWrite request, ServerCallContext context)
    {
        HrGroups.Validate(request);
        return groups.ChangeAsync(context, request.Id, request.ExpectedVersion, (group, members, ct) =>
        {
            group.Rename(request.DisplayName);
            group.SetExternalId(request.HasExternalId ? request.ExternalId : null);
            members.Clear();
            foreach (var id in request.MemberIds) members.Add(id);
            return Task.CompletedTask;
        });
    }
}
