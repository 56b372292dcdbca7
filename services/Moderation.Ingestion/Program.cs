using Moderation.Ingestion;
using Moderation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("moderation-ingestion");
builder.AddIngestion();
builder.AddModerationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapIngestion();
app.Run();
