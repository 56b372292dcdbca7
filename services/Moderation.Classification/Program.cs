using Moderation.Classification;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults("moderation-classification", defaultUrl: "http://127.0.0.1:5082");
builder.AddModerationStorage();
builder.AddClassification();
builder.AddModerationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapErrorQueueEndpoints();
app.MapClassification();
app.Run();
