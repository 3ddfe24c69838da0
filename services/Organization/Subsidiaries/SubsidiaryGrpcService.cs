using static Alliance.Organization.Common.PageRequests;
using Alliance.Organization.Data;
using static Alliance.Organization.Common.ClientRequests;
using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Common;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Subsidiary = Alliance.Organization.Subsidiaries.Subsidiary;

namespace Alliance.Organization.Subsidiaries;

/// <summary>alliance.organization.v1.SubsidiaryService: the group's subsidiaries (tenants).</summary>
public sealed class SubsidiaryGrpcService(OrganizationDbContext db, TimeProvider clock) : SubsidiaryService.SubsidiaryServiceBase
{
    public override async Task<Contracts.Organization.V1.Subsidiary> RegisterSubsidiary(RegisterSubsidiaryRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        caller.EnsureGroupAdmin("register a subsidiary");
        new FieldErrors()
            .Required("code", request.Code, Subsidiary.MaxCodeLength)
            .Required("name", request.Name, Subsidiary.MaxNameLength)
            .ThrowIfAny();
        var ct = context.CancellationToken;
        var requestKey = string.IsNullOrWhiteSpace(request.ClientRequestId) ? null
            : ClientRequest.KeyFor("register-subsidiary", null, request.ClientRequestId);
        if (requestKey is not null && await db.FindClientRequestAsync(requestKey, ct) is { } earlier)
            return ToContract(await db.Subsidiaries.AsNoTracking().SingleAsync(s => s.Id == earlier, ct));

        var code = request.Code.Trim();
        if (await db.Subsidiaries.AnyAsync(s => s.Code == code, ct))
            throw FieldErrors.Single("code", $"A subsidiary with code '{code}' already exists.", StatusCode.AlreadyExists);

        var subsidiary = Subsidiary.Register(request.Code, request.Name, clock.GetUtcNow());
        db.Subsidiaries.Add(subsidiary);
        db.RememberClientRequest(requestKey, subsidiary.Id, clock.GetUtcNow());
        db.AddIntegrationEvent(new SubsidiaryRegistered(Guid.CreateVersion7(), subsidiary.Id, subsidiary.CreatedAt,
            subsidiary.Id, subsidiary.Code, subsidiary.Name));
        // A concurrent create may win the race: the same client request returns its result; another one with our code is a conflict.
        if (await db.SaveCreateAsync(requestKey, ct, () => FieldErrors.Single("code", $"A subsidiary with code '{code}' already exists.", StatusCode.AlreadyExists)) is { } winner)
            return ToContract(await db.Subsidiaries.AsNoTracking().SingleAsync(s => s.Id == winner, ct));
        return ToContract(subsidiary);
    }

    public override async Task<Contracts.Organization.V1.Subsidiary> GetSubsidiary(GetSubsidiaryRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var id = Guid.Parse(request.Id);
        caller.EnsureCanAccess(id, "The subsidiary");
        var subsidiary = await db.Subsidiaries.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "The subsidiary was not found."));
        return ToContract(subsidiary);
    }

    public override async Task<ListSubsidiariesResponse> ListSubsidiaries(ListSubsidiariesRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var (page, pageSize) = Paging(request.Page, request.PageSize);
        var query = db.Subsidiaries.AsNoTracking();
        if (!caller.IsGroupAdmin) query = query.Where(s => s.Id == caller.TenantId);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var search = request.Search.Trim();
            query = query.Where(s => s.Name.Contains(search) || s.Code.Contains(search));
        }
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(s => s.Code).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var response = new ListSubsidiariesResponse { Total = total };
        response.Items.AddRange(items.Select(ToContract));
        return response;
    }

    static Contracts.Organization.V1.Subsidiary ToContract(Subsidiary s) => new()
    {
        Id = s.Id.ToString(),
        Code = s.Code,
        Name = s.Name,
        CreatedAt = Timestamp.FromDateTimeOffset(s.CreatedAt),
    };
}
