using Alliance.Contracts;

namespace Alliance.Gateway.Auth;

public static class DevelopmentTokenEndpoint
{
    public sealed record TokenRequest(string? Role, Guid? SubsidiaryId, string? UserName);
    public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

    /// <summary><c>POST /api/dev/token</c>: a token for any role, for the demo and the tests. Mapped only in Development.
    /// A partner's token names the user of their partner account; without an active account it reaches nothing.</summary>
    public static void MapDevelopmentTokenEndpoint(this WebApplication app) =>
        app.MapPost("/api/dev/token", (TokenRequest request, DevelopmentTokenIssuer issuer) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Role) || !Roles.All.Contains(request.Role))
                errors["role"] = [$"must be one of: {string.Join(", ", Roles.All)}."];
            else if (request.Role == Roles.Partner)
            {
                if (string.IsNullOrWhiteSpace(request.UserName)) errors["userName"] = ["is required for a partner: the user name of their partner account."];
                if (request.SubsidiaryId is not null) errors["subsidiaryId"] = ["must be empty for a partner, who belongs to no subsidiary."];
            }
            else if (request.Role != Roles.GroupAdmin && request.SubsidiaryId is null)
                errors["subsidiaryId"] = ["is required for every role below group level."];
            if (request.UserName is { Length: > 64 }) errors["userName"] = ["must be at most 64 characters."];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var userName = string.IsNullOrWhiteSpace(request.UserName) ? request.Role! : request.UserName.Trim();
            var (token, expires) = issuer.Issue(userName, request.Role!, request.Role is Roles.GroupAdmin or Roles.Partner ? null : request.SubsidiaryId);
            return Results.Ok(new TokenResponse(token, expires));
        }).AllowAnonymous().WithName("IssueDevelopmentToken").WithTags("Development");
}
