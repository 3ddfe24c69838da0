using Alliance.AppHost;
using Alliance.AppHost.Hosting;

// Options: --gateway-port N, --dashboard-port N, --no-demo-data, --data-dir PATH, --environment NAME
var builder = DistributedApplication.CreateBuilder(args);
AllianceAppModel.Configure(builder, builder.Options);
await using var app = builder.Build();
_ = AllianceAppModel.AnnounceWhenReadyAsync(app, Console.Out);
await app.RunAsync();
