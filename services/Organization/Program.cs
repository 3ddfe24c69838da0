using Alliance.Organization;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapApplicationEndpoints();
app.MapDefaultEndpoints();

app.Run();
