using Alliance.Contracts;
using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting.Alliances;
using Alliance.Reporting.Dashboards;
using Alliance.Reporting.Pairings;
using Alliance.Reporting.People;
using Alliance.Reporting.Data;
using Alliance.ServiceDefaults.Caching;
using Alliance.ServiceDefaults.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Messaging;

namespace Alliance.Reporting;

public static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReportingDbContext>(ResourceNames.Databases.Reporting);
        builder.AddRedisCache(ResourceNames.Cache);
        builder.AddServiceMessaging<ReportingDbContext>(bus =>
        {
            bus.AddConsumer<SubsidiaryRegisteredConsumer>();
            bus.AddConsumer<OrganizationCreatedConsumer>();
            bus.AddConsumer<OrganizationRenamedConsumer>();
            bus.AddConsumer<OrganizationDissolvedConsumer>();
            bus.AddConsumer<OrganizationsMergedConsumer>();
            bus.AddConsumer<AllianceFormedConsumer>();
            bus.AddConsumer<AllianceRevisedConsumer>();
            bus.AddConsumer<UnitJoinedAllianceConsumer>();
            bus.AddConsumer<UnitLeftAllianceConsumer>();
            bus.AddConsumer<RotationScheduledConsumer>();
            bus.AddConsumer<PersonRegisteredConsumer>();
            bus.AddConsumer<PersonUpdatedConsumer>();
            bus.AddConsumer<MemberJoinedConsumer>();
            bus.AddConsumer<MemberTransferredConsumer>();
            bus.AddConsumer<MemberStatusChangedConsumer>();
            bus.AddConsumer<RoleAssignedConsumer>();
            bus.AddConsumer<RoleEndedConsumer>();
            bus.AddConsumer<PairingSignedConsumer>();
            bus.AddConsumer<PairingRenewedConsumer>();
            bus.AddConsumer<PairingEndedConsumer>();
        });
        builder.Services.AddSingleton<DashboardCache>();
        builder.Services.Configure<PairingOptions>(builder.Configuration.GetSection("Pairings"));
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGrpcService<ReportingGrpcService>();
        app.MapGrpcDefaults();
        return app;
    }
}
