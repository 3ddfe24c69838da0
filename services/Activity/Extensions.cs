using Alliance.Contracts;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Messaging;

namespace Alliance.Activity;

public static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ActivityDbContext>(ResourceNames.Databases.Activity);
        builder.AddServiceMessaging<ActivityDbContext>();
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGrpcDefaults();
        return app;
    }
}
