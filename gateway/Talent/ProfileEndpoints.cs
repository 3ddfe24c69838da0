using Alliance.Contracts.Talent.V1;
using Alliance.Gateway.Activities;

namespace Alliance.Gateway.Talent;

/// <summary>
/// Talent profiles: search (skill, title, certificate; characters or pinyin), read, change what the talent service holds.
/// The talent service decides scope (its ProfileAccess); partners are refused here and there.
/// </summary>
public static class ProfileEndpoints
{
    public const int MaxSearchLength = 100;
    public const int MaxItems = 50;
    public const int MaxItemLength = 100;
    public const int MaxPositions = 30;
    public const int MaxPositionLength = 200;
    public const int MaxEducationLength = 500;
    public static readonly string[] Sorts = ["name", "title", "updated"];
    public static readonly string[] EducationLevels = ["secondary", "associate", "bachelor", "master", "doctorate"];

    public static RouteGroupBuilder MapTalentProfileEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/talent/profiles").WithTags("Talent profiles");
        group.MapGet("/", SearchProfilesAsync).WithName("SearchTalentProfiles");
        group.MapGet("/{personId:guid}", GetProfileAsync).WithName("GetTalentProfile");
        group.MapPut("/{personId:guid}", ChangeProfileAsync).WithName("ChangeTalentProfile");
        group.MapGet("/{personId:guid}/history", GetProfileHistoryAsync).WithName("GetTalentProfileHistory");
        return api;
    }

    public static async Task<IResult> SearchProfilesAsync([AsParameters] ProfileQuery query, ProfileService.ProfileServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Optional(errors, "query", query.Query, MaxSearchLength);
        Optional(errors, "skill", query.Skill, MaxSearchLength);
        Optional(errors, "title", query.Title, MaxSearchLength);
        Optional(errors, "certificate", query.Certificate, MaxSearchLength);
        if (query.Sort is { } sort && !Sorts.Contains(sort.Trim())) errors["sort"] = [$"must be one of {string.Join(", ", Sorts)}."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        var result = await client.SearchProfilesAsync(new SearchProfilesRequest
        {
            Query = query.Query?.Trim() ?? "", Skill = query.Skill?.Trim() ?? "", Title = query.Title?.Trim() ?? "",
            Certificate = query.Certificate?.Trim() ?? "", SubsidiaryId = query.SubsidiaryId?.ToString() ?? "",
            PartyMembersOnly = query.PartyMembersOnly ?? false, Sort = query.Sort?.Trim() ?? "", Page = page, PageSize = size,
        }, cancellationToken: ct);
        return Results.Ok(new PagedList<ProfileDto>(result.Items.Select(ProfileDto.From).ToList(), result.Total, page, size));
    }

    public static async Task<IResult> GetProfileAsync(Guid personId, ProfileService.ProfileServiceClient client, CancellationToken ct) =>
        Results.Ok(ProfileDto.From(await client.GetProfileAsync(new GetProfileRequest { PersonId = personId.ToString() }, cancellationToken: ct)));

    public static async Task<IResult> ChangeProfileAsync(Guid personId, ProfileBody body, ProfileService.ProfileServiceClient client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var skills = Texts(errors, "skills", body.Skills, MaxItems, MaxItemLength);
        var certificates = Texts(errors, "certificates", body.Certificates, MaxItems, MaxItemLength);
        var positions = Texts(errors, "positions", body.Positions, MaxPositions, MaxPositionLength);
        Optional(errors, "education", body.Education, MaxEducationLength);
        if (body.EducationLevel is { Length: > 0 } level && !EducationLevels.Contains(level.Trim()))
            errors["educationLevel"] = [$"must be one of {string.Join(", ", EducationLevels)}."];
        if (body.BirthYear is < 1900 || body.BirthYear > DateTime.UtcNow.Year) errors["birthYear"] = [$"must be between 1900 and {DateTime.UtcNow.Year}."];
        if (body.ExpectedVersion is < 1) errors["expectedVersion"] = ["must be a version the server returned (1 or more)."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var request = new ChangeProfileRequest
        {
            PersonId = personId.ToString(), ExpectedVersion = body.ExpectedVersion ?? 0, EducationLevel = body.EducationLevel?.Trim() ?? "",
            Education = body.Education?.Trim() ?? "", BirthYear = body.BirthYear ?? 0,
        };
        request.Skills.AddRange(skills);
        request.Certificates.AddRange(certificates);
        request.Positions.AddRange(positions);
        return Results.Ok(ProfileDto.From(await client.ChangeProfileAsync(request, cancellationToken: ct)));
    }

    public static async Task<IResult> GetProfileHistoryAsync(Guid personId, ProfileService.ProfileServiceClient client, CancellationToken ct) =>
        Results.Ok((await client.GetProfileHistoryAsync(new GetProfileHistoryRequest { PersonId = personId.ToString() }, cancellationToken: ct))
            .Changes.Select(c => new ProfileChangeDto(Guid.Parse(c.Id), c.Version, ActivityTimes.InGroupTime(c.ChangedAt.ToDateTimeOffset()),
                c.ChangedBy, c.ChangedByRole, c.Changes.Select(f => new ProfileFieldChangeDto(f.Field, f.OldValue, f.NewValue)).ToList())).ToList());

    internal static void Optional(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength) errors[field] = [$"must be at most {maxLength} characters."];
    }

    static List<string> Texts(Dictionary<string, string[]> errors, string field, List<string?>? values, int maxCount, int maxLength)
    {
        values ??= [];
        if (values.Count > maxCount) errors[field] = [$"must hold at most {maxCount} entries."];
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i])) errors[$"{field}[{i}]"] = ["must not be empty."];
            else if (values[i]!.Trim().Length > maxLength) errors[$"{field}[{i}]"] = [$"must be at most {maxLength} characters."];
        }
        return values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
    }
}
