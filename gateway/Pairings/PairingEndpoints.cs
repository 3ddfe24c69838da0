using System.Globalization;
using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;

namespace Alliance.Gateway.Pairings;

public sealed record PairingPartyDto(Guid? OrganizationId, Guid? SubsidiaryId, ExternalUnitDto? External, string Name)
{
    public static PairingPartyDto From(PairingParty p) => new(p.HasOrganizationId ? Guid.Parse(p.OrganizationId) : null,
        p.HasSubsidiaryId ? Guid.Parse(p.SubsidiaryId) : null, p.External is { } e ? ExternalUnitDto.From(e) : null, p.Name);
}

public sealed record AgreementDocumentDto(string FileName, string ContentType, long SizeBytes, string Sha256, string StorageKey);

public sealed record AgreementDto(int Sequence, string Title, string Obligations, string SignedOn, string ExpiresOn, AgreementDocumentDto? Document)
{
    public static AgreementDto From(Agreement a) => new(a.Sequence, a.Title, a.Obligations, a.SignedOn, a.ExpiresOn,
        a.Document is { } d ? new AgreementDocumentDto(d.FileName, d.ContentType, d.SizeBytes, d.Sha256, d.StorageKey) : null);
}

public sealed record PairingDto(Guid Id, PairingPartyDto First, PairingPartyDto Second, AgreementDto Agreement, IReadOnlyList<AgreementDto> History,
    string Status, string? EndedOn, DateTimeOffset CreatedAt, long Version)
{
    public static PairingDto From(Pairing p) => new(Guid.Parse(p.Id), PairingPartyDto.From(p.First), PairingPartyDto.From(p.Second),
        AgreementDto.From(p.Agreement), p.History.Select(AgreementDto.From).ToList(), PairingEndpoints.StatusName(p.Status),
        p.HasEndedOn ? p.EndedOn : null, p.CreatedAt.ToDateTimeOffset(), p.Version);
}

public sealed record AgreementBody(string? Title, string? Obligations, string? SignedOn, string? ExpiresOn, AgreementDocumentDto? Document);
public sealed record SignPairingBody(UnitBody? First, UnitBody? Second, AgreementBody? Agreement);
public sealed record RenewPairingBody(AgreementBody? Agreement, long? ExpectedVersion);
public sealed record EndPairingBody(string? EndedOn, string? Reason, long? ExpectedVersion);

public static class PairingEndpoints
{
    public const int MaxTitleLength = 200;
    public const int MaxObligationsLength = 20_000;
    public const int MaxReasonLength = 500;
    public const long MaxDocumentBytes = 100L * 1024 * 1024;
    public static readonly string[] Sorts = ["expires", "-expires", "signed", "-signed", "created", "-created"];

    static readonly Dictionary<string, PairingStatus> Statuses = new()
    {
        ["active"] = PairingStatus.Active,
        ["expiring-soon"] = PairingStatus.ExpiringSoon,
        ["ended"] = PairingStatus.Ended,
    };

    public static string StatusName(PairingStatus status) => Statuses.FirstOrDefault(p => p.Value == status).Key ?? "unspecified";

    public static RouteGroupBuilder MapPairingEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/pairings").WithTags("Pairings");

        group.MapGet("/", ListPairingsAsync).WithName("ListPairings");
        group.MapGet("/{id:guid}", GetPairingAsync).WithName("GetPairing");
        group.MapPost("/", SignPairingAsync).RequireAuthorization(Policies.Admin).WithName("SignPairing");
        group.MapPost("/{id:guid}/renew", RenewPairingAsync).RequireAuthorization(Policies.Admin).WithName("RenewPairing");
        group.MapPost("/{id:guid}/end", EndPairingAsync).RequireAuthorization(Policies.Admin).WithName("EndPairing");

        return api;
    }

    public static async Task<IResult> ListPairingsAsync(int? page, int? pageSize, string? search, string? status, Guid? subsidiaryId, string? sort,
        PairingService.PairingServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Sort(errors, sort, Sorts);
        var statusFilter = PairingStatus.Unspecified;
        if (!string.IsNullOrWhiteSpace(status) && !Statuses.TryGetValue(status.Trim().ToLowerInvariant(), out statusFilter))
            errors["status"] = [$"must be one of: {string.Join(", ", Statuses.Keys)}."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (p, size) = Paging.Normalize(page, pageSize);
        var result = await client.ListPairingsAsync(new ListPairingsRequest
        {
            Page = p, PageSize = size, Search = search ?? "", Status = statusFilter, SubsidiaryId = subsidiaryId?.ToString() ?? "", Sort = sort?.Trim() ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<PairingDto>(result.Items.Select(PairingDto.From).ToList(), result.Total, p, size));
    }

    public static async Task<IResult> GetPairingAsync(Guid id, PairingService.PairingServiceClient client, CancellationToken ct) =>
        Results.Ok(PairingDto.From(await client.GetPairingAsync(new GetPairingRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> SignPairingAsync(SignPairingBody body, HttpContext http, PairingService.PairingServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Check(errors, "first", body.First);
        Units.Check(errors, "second", body.Second);
        if (body.First?.External is not null && body.Second?.External is not null)
            errors["first"] = ["at least one side must be a party organization of the group."];
        CheckAgreement(errors, body.Agreement);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.SignPairingAsync(new SignPairingRequest
        {
            First = Units.ToContract(body.First!), Second = Units.ToContract(body.Second!), Agreement = ToContract(body.Agreement!),
            ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/pairings/{created.Id}", PairingDto.From(created));
    }

    public static async Task<IResult> RenewPairingAsync(Guid id, RenewPairingBody body, PairingService.PairingServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CheckAgreement(errors, body.Agreement);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(PairingDto.From(await client.RenewPairingAsync(new RenewPairingRequest
        {
            Id = id.ToString(), Agreement = ToContract(body.Agreement!), ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> EndPairingAsync(Guid id, EndPairingBody body, PairingService.PairingServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Date(errors, "endedOn", body.EndedOn);
        Units.Optional(errors, "reason", body.Reason, MaxReasonLength);
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(PairingDto.From(await client.EndPairingAsync(new EndPairingRequest
        {
            Id = id.ToString(), EndedOn = body.EndedOn!.Trim(), Reason = body.Reason?.Trim() ?? "", ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    static void CheckAgreement(Dictionary<string, string[]> errors, AgreementBody? agreement)
    {
        if (agreement is null) { errors["agreement"] = ["is required."]; return; }
        Validate.Text(errors, "agreement.title", agreement.Title, MaxTitleLength);
        Validate.Text(errors, "agreement.obligations", agreement.Obligations, MaxObligationsLength);
        Units.Date(errors, "agreement.signedOn", agreement.SignedOn);
        Units.Date(errors, "agreement.expiresOn", agreement.ExpiresOn);
        if (!errors.ContainsKey("agreement.signedOn") && !errors.ContainsKey("agreement.expiresOn")
            && DateOnly.ParseExact(agreement.ExpiresOn!.Trim(), Units.DateFormat, CultureInfo.InvariantCulture) <= DateOnly.ParseExact(agreement.SignedOn!.Trim(), Units.DateFormat, CultureInfo.InvariantCulture))
            errors["agreement.expiresOn"] = ["must be after the signing date."];
        if (agreement.Document is { } d)
        {
            Validate.Text(errors, "agreement.document.fileName", d.FileName, 255);
            Validate.Text(errors, "agreement.document.contentType", d.ContentType, 100);
            Validate.Text(errors, "agreement.document.storageKey", d.StorageKey, 500);
            if (d.SizeBytes is <= 0 or > MaxDocumentBytes) errors["agreement.document.sizeBytes"] = [$"must be between 1 and {MaxDocumentBytes} bytes."];
            if (!string.IsNullOrEmpty(d.Sha256) && (d.Sha256.Length != 64 || !d.Sha256.All(Uri.IsHexDigit)))
                errors["agreement.document.sha256"] = ["must be 64 hexadecimal characters."];
        }
    }

    static AgreementTerms ToContract(AgreementBody a)
    {
        var terms = new AgreementTerms { Title = a.Title!.Trim(), Obligations = a.Obligations!.Trim(), SignedOn = a.SignedOn!.Trim(), ExpiresOn = a.ExpiresOn!.Trim() };
        if (a.Document is { } d)
            terms.Document = new AgreementDocument { FileName = d.FileName.Trim(), ContentType = d.ContentType.Trim(), SizeBytes = d.SizeBytes, Sha256 = d.Sha256 ?? "", StorageKey = d.StorageKey.Trim() };
        return terms;
    }
}
