namespace Alliance.AppHost.Hosting;

/// <summary>
/// The test entry, like Aspire's: the Alliance model (or a model of the test's own) with throw-away data in a temporary folder,
/// children's logs kept in memory only, and every port a free one.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>An empty builder with test defaults, for a model of the test's own.</summary>
    public static IDistributedApplicationBuilder Create(Action<AppHostOptions>? configure = null, params string[] args)
    {
        var options = new AppHostOptions
        {
            DataDirectory = Path.Combine(Path.GetTempPath(), "alliance-apphost-" + Guid.NewGuid().ToString("N")[..10]),
            DeleteDataOnStop = true,
            KillOnProcessExit = true,
            LogWriter = TextWriter.Null,
        };
        configure?.Invoke(options);
        return DistributedApplication.CreateBuilder(options, args);
    }

    /// <summary>Alliance's own model (<see cref="AllianceAppModel"/>), limited to <see cref="AppHostOptions.Resources"/> and what
    /// they need, built and started. It does not wait: use <see cref="DistributedApplication.WaitForResourceHealthyAsync"/>.</summary>
    public static async Task<DistributedApplication> StartAsync(Action<AppHostOptions>? configure = null, CancellationToken ct = default)
    {
        var builder = Create(configure);
        AllianceAppModel.Configure(builder, builder.Options);
        var app = builder.Build();
        await app.StartAsync(ct);
        return app;
    }
}
