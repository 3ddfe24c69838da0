using Alliance.AppHost;
using Alliance.AppHost.Hosting;

// Options: --gateway-port N, --dashboard-port N, --no-demo-data, --data-dir PATH, --environment NAME, --servers-only
var options = AppHostOptions.Parse(args);
var builder = DistributedApplication.CreateBuilder(DashboardDefaults.Apply(options, AppHostOptions.Remaining(args)));
AllianceAppModel.Configure(builder, options);
builder.Build().Run();
