using Grpc.Core;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Gateway.Auth;
using Alliance.ServiceDefaults.Grpc;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Alliance.Gateway.Scim;

/// <summary>
/// The authentication scheme of /scim/v2 only: <c>Authorization: Bearer &lt;HR client secret&gt;</c>. The secret's
/// SHA-256 is checked by the organization service; answers are cached for <see cref="HrClientVerifier.CacheFor"/>, so a
/// revocation takes effect within that time. JWTs are not accepted here, and HR secrets are not accepted on /api.
/// </summary>
public sealed class HrClientAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, HrClientVerifier verifier) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HrClient";
    public const string PolicyName = "hr-client";
    public const string ClientIdClaim = "hr_client_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.Fail("Not a bearer credential.");
        var secret = header["Bearer ".Length..].Trim();
        var client = await verifier.VerifyAsync(secret, Context.RequestAborted);
        if (client is null) return AuthenticateResult.Fail("Unknown or revoked HR client secret.");
        Claim[] claims =
        [
            new("sub", client.Id), new(ClientIdClaim, client.Id), new(Caller.NameClaim, $"hr-client:{client.Name}"),
            new(Caller.RoleClaim, Roles.HrClient), new(Caller.SubsidiaryClaim, client.SubsidiaryId),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, Caller.NameClaim, Caller.RoleClaim));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
        await ScimEndpoints.WriteAsync(Response, ScimError.Body(401, null, "An HR client secret is required: Authorization: Bearer <secret>."), 401);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await ScimEndpoints.WriteAsync(Response, ScimError.Body(403, null, "This credential may not use SCIM."), 403);
}

/// <summary>Checks HR client secrets against the organization service, remembering each answer briefly.</summary>
public sealed class HrClientVerifier(HrSyncService.HrSyncServiceClient hrSync, IMemoryCache cache, IConfiguration configuration)
{
    /// <summary>How long an answer (valid or not) is reused: revocation takes effect within this time (HrClients:CacheSeconds, default 10).</summary>
    public TimeSpan CacheFor => TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("HrClients:CacheSeconds", 10), 0, 300));

    public async Task<HrClient?> VerifyAsync(string secret, CancellationToken ct)
    {
        // Secrets are "hrs_" + 43 characters; anything else (a JWT, say) is not one and is not looked up.
        if (!secret.StartsWith("hrs_", StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
        if (cache.TryGetValue<HrClient?>("hr-client:" + hash, out var cached)) return cached;
        HrClient? client;
        try
        {
            client = await hrSync.VerifyHrClientAsync(new VerifyHrClientRequest { SecretSha256 = hash }, cancellationToken: ct);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            client = null;
        }
        cache.Set("hr-client:" + hash, client, CacheFor);
        return client;
    }
}

public static class HrClientAuthenticationExtensions
{
    public static IHostApplicationBuilder AddHrClientAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<HrClientVerifier>();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HrClientAuthenticationHandler>(HrClientAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(HrClientAuthenticationHandler.PolicyName, new AuthorizationPolicyBuilder(HrClientAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser().RequireRole(Roles.HrClient).Build());
        return builder;
    }
}
