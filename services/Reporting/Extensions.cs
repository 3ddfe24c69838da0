using Alliance.Contracts;
using Alliance.Contracts.Reporting.V1;
using Alliance.Reporting.Dashboards;
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
        });
        builder.Services.AddSingleton<DashboardCache>();
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGrpcService<ReportingGrpcService>(ReportingReflection.Descriptor.Services[0]);
        app.MapGrpcHealthService();
        return app;
    }
}
