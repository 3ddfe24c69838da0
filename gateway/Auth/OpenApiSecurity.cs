using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Alliance.Gateway.Auth;

/// <summary>
/// The OpenAPI document says which operations need a token, from the same endpoint metadata the authorization
/// middleware reads: an anonymous one (<c>AllowAnonymous</c>, or no authorization at all) carries an empty security
/// requirement, every other one the bearer scheme.
/// </summary>
public static class OpenApiSecurity
{
    public const string BearerScheme = "Bearer";

    public static OpenApiOptions AddBearerSecurity(this OpenApiOptions options) => options.AddOperationTransformer((operation, context, _) =>
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any()
            || !metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<AuthorizationPolicy>().Any();
        if (anonymous)
        {
            operation.Security = [new OpenApiSecurityRequirement()];
            return Task.CompletedTask;
        }
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT of the OIDC authority (in Development also from POST /api/dev/token).",
        });
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
        return Task.CompletedTask;
    });
}
