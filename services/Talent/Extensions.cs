using Alliance.Contracts;
using Alliance.Talent.Data;
using Alliance.Talent.Lists;
using Alliance.Talent.Profiles;
using Alliance.ServiceDefaults.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Messaging;
using MassTransit;
using O = Alliance.Contracts.Organization.V1;

namespace Alliance.Talent;

public static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<TalentDbContext>(ResourceNames.Databases.Talent);
        // Profiles follow the organization service's people, membership and HR events (EventSubscriptions.Alliance).
        builder.AddServiceMessaging<TalentDbContext>(bus => bus.AddConsumers(ProfileConsumers.All));
        builder.AddGrpcServer();
        // Who a caller is as a person, and a secretary's organization subtree: asked of the organization service as the caller (ADR 27).
        builder.Services.AddServiceClient<O.OrganizationService.OrganizationServiceClient>(ResourceNames.Organization);
        builder.Services.AddServiceClient<O.PersonAccountService.PersonAccountServiceClient>(ResourceNames.Organization);
        builder.Services.AddScoped<Common.IOrganizationDirectory, Common.OrganizationDirectory>();
        ProfileGrpcService.AddHandlers(builder.Services);
        DynamicListGrpcService.AddHandlers(builder.Services);
        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGrpcService<ProfileGrpcService>();
        app.MapGrpcService<DynamicListGrpcService>();
        app.MapGrpcDefaults();
        return app;
    }
}
