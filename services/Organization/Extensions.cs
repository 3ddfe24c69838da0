using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Data;
using Alliance.Organization.Demo;
using Alliance.Organization.People;
using Alliance.ServiceDefaults.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Messaging;

namespace Alliance.Organization;

public static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrganizationDbContext>(ResourceNames.Databases.Organization);
        // Hosted services start in this order: the pinyin table and the demo data before the bus, so they are done while
        // the broker boots (the demo data's events wait in the outbox for the dispatcher, which starts with the bus).
        builder.Services.AddHostedService<Search.NameSearchBackfill>();
        builder.Services.AddHostedService<DemoDataLoader>();
        builder.AddServiceMessaging<OrganizationDbContext>();
        // HR files (up to 64 MB, HrImportFile.MaxBytes) arrive in one message.
        builder.AddGrpcServer(o => o.MaxReceiveMessageSize = HrSync.HrImportFile.MaxBytes + 1024 * 1024);
        builder.Services.Configure<Pairings.PairingOptions>(builder.Configuration.GetSection("Pairings"));
        builder.Services.AddSingleton(PersonalDataProtector.FromConfiguration(builder.Configuration, builder.Environment));
        HrSync.Connectors.HrConnectorServices.AddHrConnectors(builder);
        Organizations.OrganizationGrpcService.AddHandlers(builder.Services);
        HrSync.HrSyncGrpcService.AddHandlers(builder.Services);
        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGrpcService<Subsidiaries.SubsidiaryGrpcService>();
        app.MapGrpcService<Organizations.OrganizationGrpcService>();
        app.MapGrpcService<PeopleGrpcService>();
        app.MapGrpcService<Alliances.AllianceGrpcService>();
        app.MapGrpcService<Partners.PartnerAccountGrpcService>();
        app.MapGrpcService<PersonAccounts.PersonAccountGrpcService>();
        app.MapGrpcService<Pairings.PairingGrpcService>();
        app.MapGrpcService<ServiceCenters.ServiceCenterGrpcService>();
        app.MapGrpcService<HrSync.HrSyncGrpcService>();
        app.MapGrpcService<HrSync.Connectors.HrConnectorGrpcService>();
        app.MapGrpcService<Import.OrganizationImportGrpcService>();
        app.MapGrpcService<CurrentState.CurrentStateGrpcService>();
        app.MapGrpcDefaults();
        return app;
    }
}
