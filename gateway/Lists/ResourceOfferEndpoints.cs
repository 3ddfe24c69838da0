using System.Globalization;
using Alliance.Contracts.Activity.V1;
using Alliance.Gateway.Alliances;
using Alliance.Gateway.Auth;
using Alliance.Gateway.Exports;

namespace Alliance.Gateway.Lists;

/// <summary>
/// The resource list (资源清单): offers to an alliance or to the whole group, and an alliance's published resource
/// catalogue for a period as a page (JSON) and an XLSX download (texts written as strings, never formulas).
/// </summary>
public static class ResourceOfferEndpoints
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4_000;
    public const int MaxUnitLength = 20;
    public const int MaxWindows = 12;
    public const int MaxPeople = 20;
    public const int MaxPersonLength = 50;
    public static readonly string[] Sorts = ["-offered", "offered", "title"];

    public static RouteGroupBuilder MapResourceOfferEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/resource-offers").WithTags("Resource list").RequireAuthorization(Policies.ItemOwner);
        group.MapGet("/", ListOffersAsync).AllowPartners().WithName("ListResourceOffers");
        group.MapPost("/", OfferAsync).AllowPartners().WithName("OfferResource");
        group.MapGet("/{id:guid}", GetOfferAsync).AllowPartners().WithName("GetResourceOffer");
        group.MapPut("/{id:guid}", ReviseOfferAsync).AllowPartners().WithName("ReviseResourceOffer");
        group.MapPost("/{id:guid}/withdraw", WithdrawOfferAsync).AllowPartners().WithName("WithdrawResourceOffer");
        var alliances = api.MapGroup("/alliances").WithTags("Resource list").RequireAuthorization(Policies.ItemOwner);
        alliances.MapGet("/{id:guid}/resource-catalogue", GetCatalogueAsync).AllowPartners().WithName("GetResourceCatalogue");
        alliances.MapGet("/{id:guid}/resource-catalogue.xlsx", ExportCatalogueAsync).AllowPartners().WithName("ExportResourceCatalogue");
        return api;
    }

    public static async Task<IResult> ListOffersAsync([AsParameters] ResourceOfferListQuery query, ResourceListService.ResourceListServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Sort(errors, query.Sort, Sorts);
        ListWords.OneOf(errors, "kind", query.Kind, ListWords.Kinds);
        ListWords.OneOf(errors, "state", query.State, ListWords.OfferStates);
        ListWords.OneOf(errors, "scope", query.Scope, ListWords.Scopes);
        Units.Optional(errors, "tag", query.Tag, ProblemEndpoints.MaxTagLength);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.ListResourceOffersAsync(new ListResourceOffersRequest
        {
            Page = page, PageSize = size, Search = query.Search?.Trim() ?? "", Tag = query.Tag?.Trim() ?? "", Kind = query.Kind?.Trim() ?? "",
            State = query.State?.Trim() ?? "", AllianceId = query.AllianceId?.ToString() ?? "", Scope = query.Scope?.Trim() ?? "", Sort = query.Sort?.Trim() ?? "",
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<ResourceOfferDto>(result.Items.Select(ResourceOfferDto.From).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> OfferAsync(ResourceOfferBody body, HttpContext http, ResourceListService.ResourceListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var details = Details(errors, body);
        ListWords.OneOf(errors, "scope", body.Scope, ListWords.Scopes);
        var toGroup = body.Scope?.Trim() == "group";
        if (toGroup && body.OrganizationId is null) errors["organizationId"] = ["is required for an offer to the group."];
        if (!toGroup && body.AllianceId is null) errors["allianceId"] = ["is required."];
        if (!toGroup && body.MemberUnitId is null) errors["memberUnitId"] = ["is required."];
        if (body.ExpectedVersion is not null) errors["expectedVersion"] = ["is not taken when offering."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var created = await client.OfferResourceAsync(new OfferResourceRequest
        {
            Scope = toGroup ? "group" : "alliance", AllianceId = toGroup ? "" : body.AllianceId!.Value.ToString(),
            MemberUnitId = toGroup ? "" : body.MemberUnitId!.Value.ToString(), OrganizationId = toGroup ? body.OrganizationId!.Value.ToString() : "",
            Details = details, ClientRequestId = Validate.IdempotencyKey(http),
        }, cancellationToken: ct);
        return Results.Created($"/api/v1/resource-offers/{created.Id}", ResourceOfferDto.From(created));
    }

    public static async Task<IResult> GetOfferAsync(Guid id, ResourceListService.ResourceListServiceClient client, CancellationToken ct) =>
        Results.Ok(ResourceOfferDto.From(await client.GetResourceOfferAsync(new GetResourceOfferRequest { Id = id.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> ReviseOfferAsync(Guid id, ResourceOfferBody body, ResourceListService.ResourceListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var details = Details(errors, body);
        Units.Version(errors, body.ExpectedVersion);
        if (body.Scope is not null || body.AllianceId is not null || body.MemberUnitId is not null || body.OrganizationId is not null)
            errors["scope"] = ["An offer stays with the scope and unit it was made for."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ResourceOfferDto.From(await client.ReviseResourceOfferAsync(new ReviseResourceOfferRequest
        {
            Id = id.ToString(), Details = details, ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> WithdrawOfferAsync(Guid id, VersionBody body, ResourceListService.ResourceListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Units.Version(errors, body.ExpectedVersion);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        return Results.Ok(ResourceOfferDto.From(await client.WithdrawResourceOfferAsync(new WithdrawResourceOfferRequest
        {
            Id = id.ToString(), ExpectedVersion = body.ExpectedVersion ?? 0,
        }, cancellationToken: ct)));
    }

    public static async Task<IResult> GetCatalogueAsync(Guid id, [AsParameters] CatalogueQuery query, ResourceListService.ResourceListServiceClient client,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var request = CatalogueRequest(errors, id, query);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var catalogue = await client.GetResourceCatalogueAsync(request, cancellationToken: ct);
        return Results.Ok(new ResourceCatalogueDto(Guid.Parse(catalogue.AllianceId), catalogue.AllianceName, catalogue.From, catalogue.To,
            catalogue.Offers.Select(ResourceOfferDto.From).ToList()));
    }

    public static async Task<IResult> ExportCatalogueAsync(Guid id, [AsParameters] CatalogueQuery query, HttpContext http,
        ResourceListService.ResourceListServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var request = CatalogueRequest(errors, id, query);
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var catalogue = await client.GetResourceCatalogueAsync(request, cancellationToken: ct);
        var english = ExportText.IsEnglish(query.Lang);
        string[] headers = english
            ? ["Kind", "Title", "Description", "Offered by", "Scope", "Tags", "Capacity", "Used", "Available", "People offered"]
            : ["类别", "名称", "说明", "提供单位", "范围", "标签", "容量", "已使用", "可用时间", "提供人员"];
        async IAsyncEnumerable<IReadOnlyList<string>> Rows()
        {
            foreach (var o in catalogue.Offers)
            {
                var d = o.Details;
                yield return
                [
                    ListWords.KindLabel(d.Kind, english), d.Title, d.Description, o.UnitName,
                    o.Scope == "group" ? (english ? "whole group" : "全集团") : (english ? "alliance" : "本联盟"), string.Join(english ? ", " : "、", d.Tags),
                    d.HasCapacity ? $"{d.Capacity.ToString("0.##", CultureInfo.InvariantCulture)} {d.CapacityUnit}".Trim() : "",
                    o.Used.ToString(CultureInfo.InvariantCulture),
                    d.Windows.Count == 0 ? (english ? "by arrangement" : "可商定") : string.Join("; ", d.Windows.Select(w => $"{w.From}~{w.To}")),
                    string.Join("; ", d.People.Select(p => p.Skills.Count == 0 ? p.Name : $"{p.Name} ({string.Join(", ", p.Skills)})")),
                ];
            }
            await Task.CompletedTask;
        }
        var name = english ? $"resource-catalogue-{catalogue.From}-{catalogue.To}" : $"资源目录-{ExportText.FileSafe(catalogue.AllianceName)}-{catalogue.From}-{catalogue.To}";
        await TableExport.WriteAsync(http.Response, ExportFormat.Xlsx, name, english ? "Resources" : "资源目录", headers, Rows(), ct);
        return Results.Empty;
    }

    static GetResourceCatalogueRequest CatalogueRequest(Dictionary<string, string[]> errors, Guid id, CatalogueQuery query)
    {
        Units.Date(errors, "from", query.From);
        Units.Date(errors, "to", query.To);
        if (errors.Count == 0 && string.CompareOrdinal(query.To!.Trim(), query.From!.Trim()) < 0) errors["to"] = ["must not be before from."];
        return new GetResourceCatalogueRequest { AllianceId = id.ToString(), From = query.From?.Trim() ?? "", To = query.To?.Trim() ?? "" };
    }

    static ResourceOfferDetails Details(Dictionary<string, string[]> errors, ResourceOfferBody body)
    {
        ListWords.OneOf(errors, "kind", body.Kind, ListWords.Kinds, required: true);
        Validate.Text(errors, "title", body.Title, MaxTitleLength);
        Units.Optional(errors, "description", body.Description, MaxDescriptionLength);
        Units.Optional(errors, "capacityUnit", body.CapacityUnit, MaxUnitLength);
        if (body.Capacity is <= 0 or > 1_000_000_000_000m) errors["capacity"] = ["must be a positive number."];
        var details = new ResourceOfferDetails
        {
            Kind = body.Kind?.Trim() ?? "", Title = body.Title?.Trim() ?? "", Description = body.Description?.Trim() ?? "", CapacityUnit = body.CapacityUnit?.Trim() ?? "",
        };
        if (body.Capacity is { } capacity and > 0) details.Capacity = (double)capacity;
        details.Tags.AddRange(ProblemEndpoints.Tags(errors, "tags", body.Tags));
        var windows = body.Windows ?? [];
        if (windows.Count > MaxWindows) errors["windows"] = [$"must be at most {MaxWindows}."];
        for (var i = 0; i < windows.Count; i++)
        {
            Units.Date(errors, $"windows[{i}].from", windows[i]?.From);
            Units.Date(errors, $"windows[{i}].to", windows[i]?.To);
            if (!errors.ContainsKey($"windows[{i}].from") && !errors.ContainsKey($"windows[{i}].to"))
            {
                if (string.CompareOrdinal(windows[i]!.To!.Trim(), windows[i]!.From!.Trim()) < 0) errors[$"windows[{i}].to"] = ["must not be before from."];
                details.Windows.Add(new AvailabilityWindow { From = windows[i]!.From!.Trim(), To = windows[i]!.To!.Trim() });
            }
        }
        var people = body.People ?? [];
        if (people.Count > MaxPeople) errors["people"] = [$"must be at most {MaxPeople}."];
        for (var i = 0; i < people.Count; i++)
        {
            Validate.Text(errors, $"people[{i}].name", people[i]?.Name, MaxPersonLength);
            var person = new OfferedPerson { PersonId = people[i]?.PersonId?.ToString() ?? "", Name = people[i]?.Name?.Trim() ?? "" };
            person.Skills.AddRange(ProblemEndpoints.Tags(errors, $"people[{i}].skills", people[i]?.Skills));
            details.People.Add(person);
        }
        return details;
    }
}
