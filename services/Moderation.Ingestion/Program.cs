using Moderation.Ingestion;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults("moderation-ingestion", defaultUrl: "http://127.0.0.1:5081");
builder.AddModerationStorage();
builder.AddIngestion();
builder.AddModerationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapErrorQueueEndpoints();
app.MapIngestion();
app.Run();
