namespace Alliance.Organization.HrSync.Connectors;

public static class HrConnectorServices
{
    /// <summary>The scheduler (off with <c>HrConnectors:Scheduler=false</c>), its HTTP client and the record sink.</summary>
    public static WebApplicationBuilder AddHrConnectors(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(HrConnectorScheduler.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60));
        builder.Services.AddScoped<IHrRecordSink, ApplyPathRecordSink>();
        builder.Services.AddSingleton<HrConnectorScheduler>();
        if (builder.Configuration.GetValue("HrConnectors:Scheduler", true))
            builder.Services.AddHostedService(sp => sp.GetRequiredService<HrConnectorScheduler>());
        return builder;
    }
}
