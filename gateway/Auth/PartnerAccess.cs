using Alliance.Contracts;
using Alliance.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;

namespace Alliance.Gateway.Auth;

/// <summary>
/// Partners (people of alliances' external units) reach only the endpoints opened to them with <see cref="AllowPartners"/>;
/// the default policy refuses them everywhere else with 403, so an endpoint written without partners in mind never
/// serves one. The services check the same again (<see cref="PartnerAccessAttribute"/> on their methods).
/// </summary>
public static class PartnerAccess
{
    public static TBuilder AllowPartners<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PartnerAccessAttribute());

    public static bool Allows(AuthorizationHandlerContext context) =>
        !context.User.HasClaim(Caller.RoleClaim, Roles.Partner) ||
        context.Resource is HttpContext http && http.GetEndpoint()?.Metadata.GetMetadata<PartnerAccessAttribute>() is not null;
}
