using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Security;
using Grpc.Core;
using O = Alliance.Contracts.Organization.V1;

namespace Alliance.Talent.Common;

/// <summary>The person a signed-in user is (ADR 39), with the party organization of their current membership.</summary>
public sealed record MyPersonFacts(Guid PersonId, Guid SubsidiaryId, Guid? OrganizationId);

/// <summary>
/// What the talent service asks the organization service, always as the caller (ADR 27): who the caller is as a person,
/// and which organizations a secretary's organization holds.
/// </summary>
public interface IOrganizationDirectory
{
    /// <summary>The person linked to the signed-in user; null when none.</summary>
    Task<MyPersonFacts?> MyPersonAsync(CallerScope caller, CancellationToken ct);

    /// <summary>The organization and every organization below it, active or not.</summary>
    Task<IReadOnlyList<Guid>> SubtreeAsync(CallerScope caller, Guid subsidiaryId, Guid organizationId, CancellationToken ct);
}

public sealed class OrganizationDirectory(
    O.OrganizationService.OrganizationServiceClient organizations,
    O.PersonAccountService.PersonAccountServiceClient personAccounts) : IOrganizationDirectory
{
    public async Task<MyPersonFacts?> MyPersonAsync(CallerScope caller, CancellationToken ct)
    {
        if (caller.IsPartner || string.IsNullOrEmpty(caller.UserId)) return null;
        try
        {
            var me = await personAccounts.GetMyPersonAsync(new O.GetMyPersonRequest(), As(caller, ct));
            return new MyPersonFacts(Guid.Parse(me.PersonId), Guid.Parse(me.SubsidiaryId), me.OrganizationId.Length > 0 ? Guid.Parse(me.OrganizationId) : null);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<Guid>> SubtreeAsync(CallerScope caller, Guid subsidiaryId, Guid organizationId, CancellationToken ct)
    {
        var ids = new List<Guid>();
        for (var page = 1; ; page++)
        {
            var result = await organizations.ListOrganizationsAsync(new O.ListOrganizationsRequest
            {
                SubsidiaryId = subsidiaryId.ToString(), SubtreeOf = organizationId.ToString(), Page = page, PageSize = 200,
            }, As(caller, ct));
            ids.AddRange(result.Items.Select(o => Guid.Parse(o.Id)));
            if (result.Items.Count == 0 || ids.Count >= result.Total) return ids;
        }
    }

    static CallOptions As(CallerScope caller, CancellationToken ct)
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, caller.Role } };
        if (caller.TenantId is { } tenant) metadata.Add(AllianceMetadata.TenantId, tenant.ToString());
        if (caller.UserId is { } user) metadata.Add(AllianceMetadata.UserId, AllianceMetadata.EncodeText(user));
        return new CallOptions(metadata, cancellationToken: ct);
    }
}
