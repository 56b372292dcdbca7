using Moderation.Ingestion;
using Moderation.ServiceDefaults;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults("moderation-ingestion", defaultUrl: "http://127.0.0.1:5081");
builder.AddIngestion();
builder.AddModerationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapIngestion();
app.Run();
