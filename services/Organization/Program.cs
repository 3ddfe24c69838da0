using Alliance.Organization;
using Alliance.Organization.Demo;

if (DemoDataRun.IsRequested(args)) return await DemoDataRun.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapApplicationEndpoints();
app.MapDefaultEndpoints();

app.Run();
return 0;
