using Alliance.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayServices();

var app = builder.Build();

app.UseGatewayPipeline();
app.MapGatewayEndpoints();
app.MapDefaultEndpoints();

app.Run();

/// <summary>Visible to the end-to-end tests.</summary>
public partial class Program;
