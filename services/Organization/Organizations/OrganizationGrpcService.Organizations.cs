using static Alliance.Organization.Common.PageRequests;
using static Alliance.Organization.Common.ClientRequests;
using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Common;
using Alliance.Organization.Organizations;
using Alliance.ServiceDefaults.Search;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;
using ContractKind = Alliance.Contracts.Organization.V1.OrganizationKind;
using OrganizationKind = Alliance.Organization.Organizations.OrganizationKind;
using OrganizationStatus = Alliance.Organization.Organizations.OrganizationStatus;

namespace Alliance.Organization;

public sealed partial class OrganizationGrpcService
{
    public override async Task<ContractOrganization> CreateOrganization(CreateOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors()
            .Id("subsidiaryId", request.SubsidiaryId)
            .Id("parentId", request.HasParentId ? request.ParentId : null, required: false)
            .Required("name", request.Name, PartyOrganization.MaxNameLength);
        if (FromContract(request.Kind) is null) errors.Add("kind", "must be committee, general-branch, branch or group.");
        var effectiveOn = EffectiveOn(errors, request.EffectiveOn);
        errors.ThrowIfAny();
        var kind = FromContract(request.Kind)!.Value;
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        var ct = context.CancellationToken;

        var requestKey = string.IsNullOrWhiteSpace(request.ClientRequestId) ? null
            : ClientRequest.KeyFor("create-organization", subsidiaryId, request.ClientRequestId);
        if (requestKey is not null && await db.FindClientRequestAsync(requestKey, ct) is { } earlier)
            return ToContract(await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == earlier, ct));

        if (!await db.Subsidiaries.AnyAsync(s => s.Id == subsidiaryId, ct))
            throw FieldErrors.Single("subsidiaryId", "The subsidiary was not found.", StatusCode.NotFound);
        // The parent is read under a share lock until commit, so a concurrent dissolve or merge of it waits (or is seen).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        PartyOrganization? parent = null;
        if (request.HasParentId && !string.IsNullOrWhiteSpace(request.ParentId))
        {
            var parentId = Guid.Parse(request.ParentId);
            parent = await LockAsync(parentId, exclusive: false, ct);
            // A parent in a subsidiary the caller cannot see is reported as missing, not as belonging elsewhere.
            if (parent is null || !caller.CanAccess(parent.SubsidiaryId))
                throw FieldErrors.Single("parentId", "The parent organization was not found.", StatusCode.NotFound);
        }

        var organization = Rule(() => PartyOrganization.Create(subsidiaryId, parent, request.Name, kind, effectiveOn!.Value, clock.GetUtcNow(), caller.UserId));
        db.Organizations.Add(organization);
        db.RememberClientRequest(requestKey, organization.Id, clock.GetUtcNow());
        db.AddIntegrationEvent(new OrganizationCreated(Guid.CreateVersion7(), subsidiaryId, organization.CreatedAt,
            organization.Id, organization.ParentId, organization.Name, organization.Kind.ToEventName()));
        if (await db.SaveCreateAsync(requestKey, ct) is { } winner)
            return ToContract(await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == winner, ct));
        await transaction.CommitAsync(ct);
        return ToContract(organization);
    }

    public override async Task<ContractOrganization> GetOrganization(GetOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var id = Guid.Parse(request.Id);
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, context.CancellationToken);
        if (organization is null || !caller.CanAccess(organization.SubsidiaryId))
            throw new RpcException(new Status(StatusCode.NotFound, "The organization was not found."));
        return ToContract(organization);
    }

    public override async Task<ListOrganizationsResponse> ListOrganizations(ListOrganizationsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors()
            .Id("subsidiaryId", request.SubsidiaryId)
            .Id("parentId", request.HasParentId ? request.ParentId : null, required: false)
            .Id("subtreeOf", request.HasSubtreeOf ? request.SubtreeOf : null, required: false)
            .ThrowIfAny();
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        var (page, pageSize) = Paging(request.Page, request.PageSize);
        var query = db.Organizations.AsNoTracking().Where(o => o.SubsidiaryId == subsidiaryId);
        if (!request.IncludeEnded) query = query.Where(o => o.Status == OrganizationStatus.Active);
        if (request.HasSubtreeOf && !string.IsNullOrWhiteSpace(request.SubtreeOf))
        {
            var rootId = Guid.Parse(request.SubtreeOf);
            var rootPath = await db.Organizations.AsNoTracking().Where(o => o.Id == rootId && o.SubsidiaryId == subsidiaryId)
                .Select(o => o.Path).SingleOrDefaultAsync(context.CancellationToken)
                ?? throw FieldErrors.Single("subtreeOf", "The organization was not found in the subsidiary.", StatusCode.NotFound);
            query = query.Where(o => o.Path == rootPath || EF.Functions.Like(o.Path, rootPath + PartyOrganization.PathSeparator + "%"));
        }
        if (request.HasParentId && !string.IsNullOrWhiteSpace(request.ParentId))
        {
            var parentId = Guid.Parse(request.ParentId);
            query = query.Where(o => o.ParentId == parentId);
        }
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            // Part of the name, or of its pinyin or initials ("dydzb" finds 第一党支部).
            var name = Like.Containing(request.Search.Trim());
            var pinyin = NameSearchKey.Normalize(request.Search) is { } key ? Like.Containing(key) : null;
            query = pinyin is null
                ? query.Where(o => EF.Functions.Like(o.Name, name, Like.Escape))
                : query.Where(o => EF.Functions.Like(o.Name, name, Like.Escape) || EF.Functions.Like(o.NameSearch!, pinyin, Like.Escape));
        }
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        // Ordered by path, a page reads as a tree: every node right after its ancestors.
        var items = await query.OrderBy(o => o.Path).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var response = new ListOrganizationsResponse { Total = total };
        response.Items.AddRange(items.Select(ToContract));
        return response;
    }

    static OrganizationKind? FromContract(ContractKind kind) => kind switch
    {
        ContractKind.Committee => OrganizationKind.Committee,
        ContractKind.GeneralBranch => OrganizationKind.GeneralBranch,
        ContractKind.Branch => OrganizationKind.Branch,
        ContractKind.Group => OrganizationKind.Group,
        _ => null,
    };

    static ContractKind ToContract(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Committee => ContractKind.Committee,
        OrganizationKind.GeneralBranch => ContractKind.GeneralBranch,
        OrganizationKind.Branch => ContractKind.Branch,
        OrganizationKind.Group => ContractKind.Group,
        _ => ContractKind.Unspecified,
    };

    static ContractOrganization ToContract(PartyOrganization o)
    {
        var result = new ContractOrganization
        {
            Id = o.Id.ToString(),
            SubsidiaryId = o.SubsidiaryId.ToString(),
            Name = o.Name,
            Kind = ToContract(o.Kind),
            Path = o.Path,
            CreatedAt = Timestamp.FromDateTimeOffset(o.CreatedAt),
            Version = o.Version,
            Status = ToContract(o.Status),
            CreatedOn = Format(o.CreatedOn),
            LastChangedOn = Format(o.LastChangedOn),
            Depth = o.Depth,
        };
        if (o.ParentId is { } parent) result.ParentId = parent.ToString();
        if (o.EndedOn is { } ended) result.EndedOn = Format(ended);
        if (o.MergedIntoId is { } into) result.MergedIntoId = into.ToString();
        return result;
    }
}
