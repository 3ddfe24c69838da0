using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.HrSync.Groups;

/// <summary>
/// An HR client patches an HR group (SCIM PATCH): its name, externalId, and members added, removed or replaced, under
/// the group's row lock so concurrent patches keep each other's members.
/// </summary>
public sealed class PatchHrGroup(HrGroups groups)
{
    public Task<C.HrGroup> HandleAsync(C.PatchHrGroupRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        if (request.HasDisplayName) errors.Required("displayName", request.DisplayName, HrGroup.MaxDisplayNameLength);
        if (request.HasExternalId && request.ExternalId.Length > HrUser.MaxTextLength) errors.Add("externalId", $"must be at most {HrUser.MaxTextLength} characters.");
        if (request.MemberChanges.Any(c => c.Kind == C.MemberChange.Types.Kind.Unspecified)) errors.Add("memberChanges", "every change needs a kind.");
        errors.ThrowIfAny();
        return groups.ChangeAsync(context, request.Id, request.ExpectedVersion, (group, members, ct) =>
        {
            if (request.HasDisplayName) group.Rename(request.DisplayName);
            if (request.HasExternalId) group.SetExternalId(request.ExternalId);
            foreach (var change in request.MemberChanges)
            {
                switch (change.Kind)
                {
                    case C.MemberChange.Types.Kind.Add:
                        foreach (var id in change.MemberIds) members.Add(id);
                        break;
                    case C.MemberChange.Types.Kind.Remove:
                        foreach (var id in change.MemberIds) members.Remove(id);
                        break;
                    case C.MemberChange.Types.Kind.RemoveAll:
                        members.Clear();
                        break;
                    case C.MemberChange.Types.Kind.ReplaceAll:
                        members.Clear();
                        foreach (var id in change.MemberIds) members.Add(id);
                        break;
                }
            }
            return Task.CompletedTask;
        });
    }
}
