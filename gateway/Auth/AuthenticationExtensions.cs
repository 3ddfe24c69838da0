using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Alliance.Contracts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace Alliance.Gateway.Auth;

/// <summary>
/// JWT bearer on every API call. Production validates tokens of a configured OIDC authority (<c>Auth:Authority</c>,
/// <c>Auth:Audience</c>); Development also trusts the local development issuer behind <c>POST /api/dev/token</c>.
/// </summary>
public static class AuthenticationExtensions
{
    public const string DevelopmentIssuer = "alliance-dev";
    public const string Audience = "alliance";
    // Only ever used in Development, where the token endpoint exists; production uses the OIDC authority.
    const string DefaultDevelopmentKey = "alliance-development-signing-key-not-for-production-use";

    public static IHostApplicationBuilder AddGatewayAuthentication(this IHostApplicationBuilder builder)
    {
        var authority = builder.Configuration["Auth:Authority"];
        var audience = builder.Configuration["Auth:Audience"] ?? Audience;
        var isDevelopment = builder.Environment.IsDevelopment();
        if (!isDevelopment && string.IsNullOrWhiteSpace(authority))
            throw new InvalidOperationException("Auth:Authority must name the OIDC authority outside Development.");

        builder.Services.AddSingleton(new DevelopmentTokenIssuer(DevelopmentKey(builder.Configuration)));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = Caller.NameClaim,
                RoleClaimType = Caller.RoleClaim,
                ValidAudience = audience,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            if (!string.IsNullOrWhiteSpace(authority))
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = !isDevelopment;
            }
            else
            {
                o.TokenValidationParameters.ValidIssuer = DevelopmentIssuer;
                o.TokenValidationParameters.IssuerSigningKey = DevelopmentKey(builder.Configuration);
            }
        });
        builder.Services.AddAuthorizationBuilder()
            // Every API endpoint: a signed-in caller, and a partner only where the endpoint is opened to partners.
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(PartnerAccess.Allows).Build())
            .AddPolicy(Policies.GroupAdmin, p => p.RequireRole(Roles.GroupAdmin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.GroupAdmin, Roles.SubsidiaryAdmin))
            .AddPolicy(Policies.Planner, p => p.RequireRole(Roles.GroupAdmin, Roles.SubsidiaryAdmin, Roles.Secretary))
            .AddPolicy(Policies.ItemOwner, p => p.RequireRole(Roles.GroupAdmin, Roles.SubsidiaryAdmin, Roles.Secretary, Roles.Partner));
        return builder;
    }

    static SymmetricSecurityKey DevelopmentKey(IConfiguration configuration) =>
        new(Encoding.UTF8.GetBytes(configuration["Auth:DevelopmentSigningKey"] ?? DefaultDevelopmentKey));
}

public static class Policies
{
    public const string GroupAdmin = "group-admin";
    public const string Admin = "admin";
    /// <summary>Who plans joint work (activities): administrators and secretaries; members only read.</summary>
    public const string Planner = "planner";
    /// <summary>Who reports on a decision item for its owner unit: planners, and partners for their own unit's items.</summary>
    public const string ItemOwner = "item-owner";
}

/// <summary>Signs tokens for the demo and the tests; only reachable in Development.</summary>
public sealed class DevelopmentTokenIssuer(SymmetricSecurityKey key)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public (string Token, DateTimeOffset ExpiresAt) Issue(string userName, string role, Guid? subsidiaryId)
    {
        var expires = DateTimeOffset.UtcNow + Lifetime;
        var claims = new List<Claim> { new("sub", userName), new(Caller.NameClaim, userName), new(Caller.RoleClaim, role) };
        if (subsidiaryId is { } s) claims.Add(new Claim(Caller.SubsidiaryClaim, s.ToString()));
        var token = new JwtSecurityToken(AuthenticationExtensions.DevelopmentIssuer, AuthenticationExtensions.Audience, claims,
            DateTime.UtcNow, expires.UtcDateTime, new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return (new JwtSecurityTokenHandler().WriteToken(token), expires);
    }
}
