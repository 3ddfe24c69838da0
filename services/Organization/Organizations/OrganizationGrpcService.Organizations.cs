using static Alliance.Organization.Common.ClientRequests;
using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Common;
using Alliance.Organization.Organizations;
using Alliance.Organization.Search;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;
using ContractKind = Alliance.Contracts.Organization.V1.OrganizationKind;
using OrganizationKind = Alliance.Organization.Organizations.OrganizationKind;

namespace Alliance.Organization;

public sealed partial class OrganizationGrpcService
{
    public async Task<ContractOrganization> CreateOrganization(CreateOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors()
            .Id("subsidiaryId", request.SubsidiaryId)
            .Id("parentId", request.HasParentId ? request.ParentId : null, required: false)
            .Required("name", request.Name, PartyOrganization.MaxNameLength);
        if (FromContract(request.Kind) is null) errors.Add("kind", "must be committee, general-branch, branch or group.");
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
        PartyOrganization? parent = null;
        if (request.HasParentId && !string.IsNullOrWhiteSpace(request.ParentId))
        {
            var parentId = Guid.Parse(request.ParentId);
            parent = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == parentId, ct);
            // A parent in a subsidiary the caller cannot see is reported as missing, not as belonging elsewhere.
            if (parent is null || !caller.CanAccess(parent.SubsidiaryId))
                throw FieldErrors.Single("parentId", "The parent organization was not found.", StatusCode.NotFound);
        }

        PartyOrganization organization;
        try
        {
            organization = PartyOrganization.Create(subsidiaryId, parent, request.Name, kind, clock.GetUtcNow());
        }
        catch (OrganizationRuleException ex)
        {
            throw FieldErrors.Single(ex.Field, ex.Message, StatusCode.FailedPrecondition);
        }
        db.Organizations.Add(organization);
        db.RememberClientRequest(requestKey, organization.Id, clock.GetUtcNow());
        db.AddIntegrationEvent(new OrganizationCreated(Guid.CreateVersion7(), subsidiaryId, organization.CreatedAt,
            organization.Id, organization.ParentId, organization.Name, organization.Kind.ToEventName()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (requestKey is not null && IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            var winner = await db.FindClientRequestAsync(requestKey, ct) ?? throw new RpcException(StatusCode.Aborted, "A concurrent request conflicted; retry.");
            return ToContract(await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == winner, ct));
        }
        return ToContract(organization);
    }

    public async Task<ContractOrganization> GetOrganization(GetOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var id = Guid.Parse(request.Id);
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, context.CancellationToken);
        if (organization is null || !caller.CanAccess(organization.SubsidiaryId))
            throw new RpcException(StatusCode.NotFound, "The organization was not found.");
        return ToContract(organization);
    }

    public async Task<ListOrganizationsResponse> ListOrganizations(ListOrganizationsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors()
            .Id("subsidiaryId", request.SubsidiaryId)
            .Id("parentId", request.HasParentId ? request.ParentId : null, required: false)
            .Id("withinId", request.HasWithinId ? request.WithinId : null, required: false)
            .ThrowIfAny();
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        var (page, pageSize) = Paging(request.Page, request.PageSize);
        var query = db.Organizations.AsNoTracking().Where(o => o.SubsidiaryId == subsidiaryId);
        if (request.HasParentId && !string.IsNullOrWhiteSpace(request.ParentId))
        {
            var parentId = Guid.Parse(request.ParentId);
            query = query.Where(o => o.ParentId == parentId);
        }
        if (request.HasWithinId && !string.IsNullOrWhiteSpace(request.WithinId))
        {
            var withinId = Guid.Parse(request.WithinId);
            var path = await db.Organizations.AsNoTracking().Where(o => o.Id == withinId && o.SubsidiaryId == subsidiaryId)
                .Select(o => o.Path).SingleOrDefaultAsync(context.CancellationToken)
                ?? throw FieldErrors.Single("withinId", "The organization was not found in this subsidiary.", StatusCode.NotFound);
            var prefix = path + PartyOrganization.PathSeparator;
            query = query.Where(o => o.Path.StartsWith(prefix));
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

    public async Task<ContractOrganization> MoveOrganization(MoveOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).Id("newParentId", request.NewParentId).ThrowIfAny();
        var ct = context.CancellationToken;
        var id = Guid.Parse(request.Id);
        var newParentId = Guid.Parse(request.NewParentId);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organization is null || !caller.CanAccess(organization.SubsidiaryId))
            throw new RpcException(StatusCode.NotFound, "The organization was not found.");
        var newParent = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == newParentId, ct);
        if (newParent is null || !caller.CanAccess(newParent.SubsidiaryId))
            throw FieldErrors.Single("newParentId", "The new parent organization was not found.", StatusCode.NotFound);
        if (request.ExpectedVersion != 0 && request.ExpectedVersion != organization.Version)
            throw new RpcException(StatusCode.Aborted, "The organization was changed by someone else; reload it and try again.");

        var oldParentId = organization.ParentId;
        string oldPath;
        try
        {
            oldPath = organization.MoveUnder(newParent);
        }
        catch (OrganizationRuleException ex)
        {
            throw FieldErrors.Single(ex.Field, ex.Message, StatusCode.FailedPrecondition);
        }
        db.AddIntegrationEvent(new OrganizationMoved(Guid.CreateVersion7(), organization.SubsidiaryId, clock.GetUtcNow(),
            organization.Id, oldParentId, newParent.Id));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RpcException(StatusCode.Aborted, "The organization was changed by someone else; reload it and try again.");
        }
        // Descendants keep their place under the moved node: rewrite their path prefix and depth in one statement.
        var prefix = oldPath + PartyOrganization.PathSeparator;
        var depthShift = organization.Depth - (oldPath.Count(c => c == PartyOrganization.PathSeparator));
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE party_organizations SET path = {organization.Path + PartyOrganization.PathSeparator} || substr(path, {prefix.Length + 1}), depth = depth + {depthShift} WHERE subsidiary_id = {organization.SubsidiaryId} AND path LIKE {prefix + "%"}", ct);
        await transaction.CommitAsync(ct);
        return ToContract(organization);
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
        };
        if (o.ParentId is { } parent) result.ParentId = parent.ToString();
        return result;
    }
}
