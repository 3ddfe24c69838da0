using Alliance.Contracts;
using Alliance.Talent.Data;
using Alliance.ServiceDefaults.Data;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Messaging;

namespace Alliance.Talent;

public static class Extensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDatabase<TalentDbContext>(ResourceNames.Databases.Talent);
        builder.AddServiceMessaging<TalentDbContext>();
        builder.AddGrpcServer();
        return builder;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGrpcDefaults();
        return app;
    }
}
