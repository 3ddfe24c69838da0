using static Alliance.Organization.Common.PageRequests;
using Alliance.Organization.Common;
using static Alliance.Organization.Common.ClientRequests;
using Alliance.Contracts.Events;
using Alliance.Organization.Alliances;
using Alliance.Organization.Data;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Alliance.Organization.Alliances.UnitRequests;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.Pairings;

/// <summary>
/// alliance.organization.v1.PairingService. A pairing is visible to the subsidiaries of its internal parties (others
/// get NOT_FOUND). Status is computed from the dates with the injected clock.
/// </summary>
public sealed class PairingGrpcService(OrganizationDbContext db, TimeProvider clock, IOptions<PairingOptions> options) : Alliance.Contracts.Organization.V1.PairingService.PairingServiceBase
{
    int ExpiringSoonDays => options.Value.ExpiringSoonDays;

    public override async Task<C.Pairing> SignPairing(C.SignPairingRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Unit("first", request.First).Unit("second", request.Second).Agreement("agreement", request.Agreement).ThrowIfAny();
        caller.EnsureAdmin("sign a pairing");
        var ct = context.CancellationToken;
        var first = await PartyAsync(caller, "first", request.First, ct);
        var second = await PartyAsync(caller, "second", request.Second, ct);
        // The caller signs for a unit of their own: one internal side must be in their sight; the other may be anywhere.
        if (!new[] { first.SubsidiaryId, second.SubsidiaryId }.Any(s => s is { } id && caller.CanAccess(id)))
        {
            var field = first.SubsidiaryId is not null ? "first.organizationId" : second.SubsidiaryId is not null ? "second.organizationId" : "first";
            throw first.SubsidiaryId is null && second.SubsidiaryId is null
                ? FieldErrors.Single("first", "At least one side of a pairing must be a party organization of the group.", StatusCode.FailedPrecondition)
                : FieldErrors.Single(field, "The organization was not found.", StatusCode.NotFound);
        }

        var tenantHint = first.SubsidiaryId ?? second.SubsidiaryId;
        var requestKey = ClientRequestKey("sign-pairing", tenantHint, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return await LoadContractAsync(earlier, ct);

        var now = clock.GetUtcNow();
        Pairing pairing;
        try
        {
            pairing = Pairing.Sign(first, second, Terms(request.Agreement), now);
        }
        catch (AllianceRuleException ex)
        {
            throw Rule(ex);
        }
        db.Add(pairing);
        db.RememberClientRequest(requestKey, pairing.Id, now);
        db.AddIntegrationEvent(new PairingSigned(Guid.CreateVersion7(), pairing.TenantId, now,
            pairing.Id, first.OrganizationId, second.OrganizationId, pairing.Title, pairing.SignedOn, pairing.ExpiresOn, pairing.PartnerSubsidiaryId));
        if (await db.SaveCreateAsync(requestKey, ct) is { } winner)
            return await LoadContractAsync(winner, ct);
        return ToContract(pairing);
    }

    public override async Task<C.Pairing> GetPairing(C.GetPairingRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var id = Guid.Parse(request.Id);
        var pairing = await Visible(caller).AsNoTracking().Include(p => p.Agreements).SingleOrDefaultAsync(p => p.Id == id, context.CancellationToken)
            ?? throw NotFound();
        return ToContract(pairing);
    }

    static readonly string[] PairingSorts = ["", "expires", "-expires", "signed", "-signed", "created", "-created"];

    public override async Task<C.ListPairingsResponse> ListPairings(C.ListPairingsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId, required: false);
        if (!PairingSorts.Contains(request.Sort ?? "")) errors.Add("sort", $"must be one of: {string.Join(", ", PairingSorts.Where(s => s != ""))}.");
        errors.ThrowIfAny();
        var (page, pageSize) = Paging(request.Page, request.PageSize);
        var query = Visible(caller).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var search = request.Search.Trim();
            query = query.Where(p => p.First.Name.Contains(search) || p.Second.Name.Contains(search) || p.Title.Contains(search));
        }
        if (!string.IsNullOrWhiteSpace(request.SubsidiaryId))
        {
            var subsidiaryId = Guid.Parse(request.SubsidiaryId);
            query = query.Where(p => p.First.SubsidiaryId == subsidiaryId || p.Second.SubsidiaryId == subsidiaryId);
        }
        var today = Today(clock);
        var soon = today.AddDays(ExpiringSoonDays);
        // The same rule as Pairing.StatusOn, in SQL.
        query = request.Status switch
        {
            C.PairingStatus.Ended => query.Where(p => p.EndedOn != null && p.EndedOn <= today || p.ExpiresOn < today),
            C.PairingStatus.ExpiringSoon => query.Where(p => (p.EndedOn == null || p.EndedOn > today) && p.ExpiresOn >= today && p.ExpiresOn <= soon),
            C.PairingStatus.Active => query.Where(p => (p.EndedOn == null || p.EndedOn > today) && p.ExpiresOn > soon),
            _ => query,
        };
        var ct = context.CancellationToken;
        var total = await query.CountAsync(ct);
        IOrderedQueryable<Pairing> ordered = request.Sort switch
        {
            "-expires" => query.OrderByDescending(p => p.ExpiresOn),
            "signed" => query.OrderBy(p => p.SignedOn),
            "-signed" => query.OrderByDescending(p => p.SignedOn),
            "created" => query.OrderBy(p => p.CreatedAt),
            "-created" => query.OrderByDescending(p => p.CreatedAt),
            _ => query.OrderBy(p => p.ExpiresOn),
        };
        var items = await ordered.ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).Include(p => p.Agreements).AsSplitQuery().ToListAsync(ct);
        var response = new C.ListPairingsResponse { Total = total };
        response.Items.AddRange(items.Select(ToContract));
        return response;
    }

    public override Task<C.Pairing> RenewPairing(C.RenewPairingRequest request, ServerCallContext context) =>
        ChangeAsync(context, request.Id, request.ExpectedVersion,
            errors => errors.Agreement("agreement", request.Agreement),
            pairing =>
            {
                var agreement = pairing.Renew(Terms(request.Agreement), clock.GetUtcNow());
                db.AddIntegrationEvent(new PairingRenewed(Guid.CreateVersion7(), pairing.TenantId, clock.GetUtcNow(),
                    pairing.Id, agreement.Sequence, agreement.Title, agreement.SignedOn, agreement.ExpiresOn, pairing.PartnerSubsidiaryId));
            });

    public override Task<C.Pairing> EndPairing(C.EndPairingRequest request, ServerCallContext context) =>
        ChangeAsync(context, request.Id, request.ExpectedVersion,
            errors => errors.Date("endedOn", request.EndedOn).Optional("reason", request.Reason, 500),
            pairing =>
            {
                pairing.End(ParseDate(request.EndedOn), request.Reason ?? "");
                db.AddIntegrationEvent(new PairingEnded(Guid.CreateVersion7(), pairing.TenantId, clock.GetUtcNow(),
                    pairing.Id, pairing.EndedOn!.Value, pairing.EndReason ?? "", pairing.PartnerSubsidiaryId));
            });

    async Task<C.Pairing> ChangeAsync(ServerCallContext context, string id, long expectedVersion,
        Func<FieldErrors, FieldErrors> validate, Action<Pairing> change)
    {
        var caller = CallerScope.From(context);
        validate(new FieldErrors().Id("id", id)).ThrowIfAny();
        var ct = context.CancellationToken;
        var pairingId = Guid.Parse(id);
        var pairing = await Visible(caller).Include(p => p.Agreements).SingleOrDefaultAsync(p => p.Id == pairingId, ct) ?? throw NotFound();
        caller.EnsureAdmin("change a pairing");
        EnsureExpectedVersion(expectedVersion, pairing.Version, "pairing");
        try
        {
            change(pairing);
        }
        catch (AllianceRuleException ex)
        {
            throw Rule(ex);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale("pairing");
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw Stale("pairing");
        }
        return ToContract(pairing);
    }

    async Task<PairingParty> PartyAsync(CallerScope caller, string field, C.Unit unit, CancellationToken ct)
    {
        if (unit.KindCase == C.Unit.KindOneofCase.External) return PairingParty.ForExternal(ToExternal(unit.External));
        // Either side may be in another subsidiary (cross-subsidiary co-building); the caller's own side is checked by the caller.
        var organization = await db.FindOrganizationAsync(caller, $"{field}.organizationId", unit.OrganizationId, inCallerScope: false, ct);
        return PairingParty.Internal(organization.Id, organization.SubsidiaryId, organization.Name);
    }

    static AgreementTerms Terms(C.AgreementTerms t) => new(t.Title, t.Obligations, ParseDate(t.SignedOn), ParseDate(t.ExpiresOn),
        t.Document is { } d ? new AgreementDocument(d.FileName, d.ContentType, d.SizeBytes, d.Sha256, d.StorageKey) : null);

    IQueryable<Pairing> Visible(CallerScope caller)
    {
        var pairings = db.Set<Pairing>();
        if (caller.IsGroupAdmin) return pairings;
        var tenant = caller.TenantId;
        return pairings.Where(p => p.First.SubsidiaryId == tenant || p.Second.SubsidiaryId == tenant);
    }

    static RpcException NotFound() => new(new Status(StatusCode.NotFound, "The pairing was not found."));

    async Task<C.Pairing> LoadContractAsync(Guid id, CancellationToken ct) =>
        ToContract(await db.Set<Pairing>().AsNoTracking().Include(p => p.Agreements).SingleAsync(p => p.Id == id, ct));

    C.Pairing ToContract(Pairing p)
    {
        var result = new C.Pairing
        {
            Id = p.Id.ToString(),
            First = ToContract(p.First),
            Second = ToContract(p.Second),
            Agreement = ToContract(p.Current),
            Status = p.StatusOn(Today(clock), ExpiringSoonDays) switch
            {
                PairingStatus.Active => C.PairingStatus.Active,
                PairingStatus.ExpiringSoon => C.PairingStatus.ExpiringSoon,
                _ => C.PairingStatus.Ended,
            },
            CreatedAt = Timestamp.FromDateTimeOffset(p.CreatedAt),
            Version = p.Version,
        };
        result.History.AddRange(p.Agreements.Where(a => a.Sequence != p.Current.Sequence).OrderBy(a => a.Sequence).Select(ToContract));
        if (p.EndedOn is { } ended) result.EndedOn = Format(ended);
        return result;
    }

    static C.PairingParty ToContract(PairingParty party)
    {
        var result = new C.PairingParty { Name = party.Name };
        if (party.OrganizationId is { } organization) result.OrganizationId = organization.ToString();
        if (party.SubsidiaryId is { } subsidiary) result.SubsidiaryId = subsidiary.ToString();
        if (party.External is { } external) result.External = UnitRequests.ToContract(external);
        return result;
    }

    static C.Agreement ToContract(PairingAgreement a)
    {
        var result = new C.Agreement { Sequence = a.Sequence, Title = a.Title, Obligations = a.Obligations, SignedOn = Format(a.SignedOn), ExpiresOn = Format(a.ExpiresOn) };
        if (a.Document is { } d)
            result.Document = new C.AgreementDocument { FileName = d.FileName, ContentType = d.ContentType, SizeBytes = d.SizeBytes, Sha256 = d.Sha256, StorageKey = d.StorageKey };
        return result;
    }
}

internal static class AgreementValidation
{
    public static FieldErrors Agreement(this FieldErrors errors, string field, C.AgreementTerms? terms)
    {
        if (terms is null) return errors.Add(field, "is required.");
        errors.Required($"{field}.title", terms.Title, AgreementTerms.MaxTitleLength)
            .Required($"{field}.obligations", terms.Obligations, AgreementTerms.MaxObligationsLength)
            .Date($"{field}.signedOn", terms.SignedOn)
            .Date($"{field}.expiresOn", terms.ExpiresOn);
        if (TryParseDate(terms.SignedOn, out var signed) && TryParseDate(terms.ExpiresOn, out var expires) && expires <= signed)
            errors.Add($"{field}.expiresOn", "must be after the signing date.");
        if (terms.Document is { } d)
        {
            errors.Required($"{field}.document.fileName", d.FileName, AgreementDocument.MaxFileNameLength)
                .Required($"{field}.document.contentType", d.ContentType, 100)
                .Required($"{field}.document.storageKey", d.StorageKey, 500);
            if (d.SizeBytes is <= 0 or > AgreementDocument.MaxSizeBytes)
                errors.Add($"{field}.document.sizeBytes", $"must be between 1 and {AgreementDocument.MaxSizeBytes} bytes.");
            if (!string.IsNullOrEmpty(d.Sha256) && (d.Sha256.Length != 64 || !d.Sha256.All(Uri.IsHexDigit)))
                errors.Add($"{field}.document.sha256", "must be 64 hexadecimal characters.");
        }
        return errors;
    }
}
