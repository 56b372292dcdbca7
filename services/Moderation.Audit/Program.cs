using Moderation.Audit;
using Moderation.Messaging;
using Moderation.ServiceDefaults;
using Moderation.Storage;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults("moderation-audit", defaultUrl: "http://127.0.0.1:5084");
builder.AddModerationStorage();
builder.AddAudit();
builder.AddModerationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapErrorQueueEndpoints();
app.MapAudit();
app.Run();
